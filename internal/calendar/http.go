package calendar

import (
	"net/http"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/httpx"
)

// Routes returns the calendar's API: the deadline calculator and the years for everyone signed in,
// importing a year for the system administrator.
func (s *Service) Routes() []httpx.Route {
	return httpx.Tagged("工作日历",
		httpx.Get("/api/v1/calendar/due", access.CalendarRead, "期限计算：自某日起若干工作日、日、月或小时的届满日，附计算说明", httpx.WithQuery(s.Due)),
		httpx.Get("/api/v1/calendar/years", access.CalendarRead, "已知年度的节假日安排（产品内置或管理员导入）", httpx.Fetch(s.Years)),
		httpx.Post("/api/v1/calendar/years/preview", access.CalendarWrite, "预览一个年度的节假日安排（CSV 或 .xlsx：日期、类型 休/班、名称；表单字段 docNo 为通知文号），不保存",
			httpx.Raw(s.handlePreview, httpx.Doc{Response: Preview{}, Upload: true})),
		httpx.Post("/api/v1/calendar/years", access.CalendarWrite, "导入一个年度的节假日安排（全部成功或全部不导入，替换该年度原有安排）",
			httpx.Raw(s.handleImport, httpx.Doc{Response: YearInfo{}, Upload: true})),
	)
}

func (s *Service) handlePreview(w http.ResponseWriter, r *http.Request) error {
	f, err := httpx.UploadedFile(w, r)
	if err != nil {
		return err
	}
	defer f.Close()
	out, err := s.PreviewImport(r.Context(), httpx.Principal(r), f, r.FormValue("docNo"))
	if err != nil {
		return err
	}
	return httpx.OK(w, out)
}

func (s *Service) handleImport(w http.ResponseWriter, r *http.Request) error {
	f, err := httpx.UploadedFile(w, r)
	if err != nil {
		return err
	}
	defer f.Close()
	out, err := s.Import(r.Context(), httpx.Principal(r), f, r.FormValue("docNo"))
	if err != nil {
		return err
	}
	return httpx.Created(w, out)
}
