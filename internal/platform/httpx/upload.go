package httpx

import (
	"mime/multipart"
	"net/http"

	"zhifa/internal/platform/apperr"
)

// MaxUpload bounds an uploaded import file.
const MaxUpload = 64 << 20

// UploadedFile returns the multipart form field "file" of an upload; the caller closes it.
func UploadedFile(w http.ResponseWriter, r *http.Request) (multipart.File, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxUpload)
	f, _, err := r.FormFile("file")
	if err != nil {
		return nil, apperr.InvalidField("file", "UPLOAD_REQUIRED", "请上传文件（表单字段 file，不超过64MB）")
	}
	return f, nil
}
