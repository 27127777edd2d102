package server

// SiteInfo identifies the public portal in its footer as Chinese government websites must
// (政府网站发展指引, 国办发〔2017〕47号): the sponsoring body (主办单位), the website identification
// code (网站标识码), the ICP filing number (ICP备案号) and the public-security filing number
// (公安机关备案号). They come from the configuration; Demo marks the demo county's example values,
// which are no real registrations.
type SiteInfo struct {
	Sponsor      string `json:"sponsor"`
	SiteCode     string `json:"siteCode"`
	ICP          string `json:"icp"`
	PoliceRecord string `json:"policeRecord"`
	Demo         bool   `json:"demo"`
}
