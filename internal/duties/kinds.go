package duties

// Kinds lists every kind in the order the registers keep them (DESIGN.md §4).
var Kinds = []Kind{
	SessionAttendance, CommitteeAttendance, DeliberationSpeech, Motion, Suggestion,
	Inspection, LawEnforcementInspection, Survey, Appraisal, GroupActivity,
	ConstituentContact, Reception, DistrictVisit, ReportToConstituents, PracticalDeed,
	CommunitySupport, Training, Advice,
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Counted reports whether the kind carries a count: constituent contact is
// counted in persons met (人次).
func (k Kind) Counted() bool { return k == ConstituentContact }

// Recess reports whether the kind is recess activity (闭会期间活动): all but
// attending the congress session itself.
func (k Kind) Recess() bool { return k != SessionAttendance }

// Opinion reports whether the kind reflects constituents' opinions: a
// motion, a suggestion, constituent contact or a reception.
func (k Kind) Opinion() bool {
	return k == Motion || k == Suggestion || k == ConstituentContact || k == Reception || k == Advice
}

// LabelKey is the kind's i18n key.
func (k Kind) LabelKey() string { return "duty.kind." + string(k) }

// ArchivePart is the part of the duty archive (履职档案) a kind is filed
// under, 2 to 7; part 1 is the basic information and part 8 the awards.
func (k Kind) ArchivePart() int {
	switch k {
	case SessionAttendance, CommitteeAttendance, DeliberationSpeech:
		return 2 // meetings
	case Inspection, LawEnforcementInspection, Survey, Appraisal:
		return 3 // inspections and surveys
	case Training:
		return 4
	case GroupActivity, ConstituentContact, Reception, DistrictVisit, PracticalDeed, CommunitySupport:
		return 5 // group activities and contact with constituents
	case Motion, Suggestion, Advice:
		return 6
	case ReportToConstituents:
		return 7
	}
	return 5
}
