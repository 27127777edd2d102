package tabular

// Limits on what an import file may hold. They keep a hostile or broken file from taking the
// server's memory: a 613 KB workbook can unpack to gigabytes (a "zip bomb"), and one CSV line can
// hold millions of fields. A file over a limit is refused with a coded Chinese error and nothing is
// imported (docs/operations.md, 导入的限制).
const (
	// MaxCellChars bounds one cell, in characters, in CSV and Excel alike. The catalogue's legal
	// texts (违法依据、处罚依据 with the provisions' wording) need the room; every importer then
	// applies its own field's limit, the same as the single-record write.
	MaxCellChars = 5000
	// MaxColumns bounds the non-blank columns of one row (trailing blank cells are ignored).
	MaxColumns = 256
	// MaxRowBytes bounds one CSV record as read, so that a line of millions of commas or one
	// enormous quoted field is refused before it is split. A catalogue row with five legal texts
	// of MaxCellChars each takes about 75 KB.
	MaxRowBytes = 256 << 10

	// MaxXLSXFile bounds an Excel file as uploaded (compressed), the same as an upload.
	MaxXLSXFile = 64 << 20
	// MaxXLSXSize bounds all parts of a workbook together, unpacked.
	MaxXLSXSize = 512 << 20
	// MaxXLSXSheet bounds one worksheet, unpacked: about a million rows of a few columns.
	MaxXLSXSheet = 128 << 20
	// MaxXLSXSharedStrings bounds the shared-string table (xl/sharedStrings.xml), unpacked.
	MaxXLSXSharedStrings = 64 << 20
	// MaxXLSXStrings bounds the number of entries in the shared-string table.
	MaxXLSXStrings = 2_000_000
	// MaxXLSXPart bounds every other part (workbook, styles, relationships, pictures), unpacked.
	MaxXLSXPart = 16 << 20
	// MaxXLSXInMemory bounds the parts the Excel reader keeps in memory together: every part up to
	// xlsxStreamAbove; larger worksheets and shared-string tables are read from temporary files.
	MaxXLSXInMemory = 128 << 20

	// xlsxStreamAbove is the size above which worksheets and the shared-string table are unpacked
	// to temporary files and streamed, not held in memory.
	xlsxStreamAbove = 16 << 20
	// maxXMLToken bounds one XML token (a tag with its attributes, a run of text, a comment) while
	// a part is scanned; it is far above any cell's MaxCellChars.
	maxXMLToken = 256 << 10
	// maxXMLDepth bounds element nesting; spreadsheet XML nests about ten deep.
	maxXMLDepth = 100
)
