package cases

// Categories of opinions — the matters constituents raise most — which
// Open311 clients see as services.
var Categories = []string{"construction", "transport", "environment", "water", "agriculture", "education", "health", "welfare", "safety", "other"}

// ValidCategory reports whether c is a known category.
func ValidCategory(c string) bool { return oneOf(c, Categories) }
