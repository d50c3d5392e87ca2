package deputyweb

import qrcode "github.com/skip2/go-qrcode"

// qrPNG draws a QR code of text as a PNG of size pixels, with medium error
// correction so a poster still scans when a corner is worn or folded.
func qrPNG(text string, size int) ([]byte, error) {
	return qrcode.Encode(text, qrcode.Medium, size)
}
