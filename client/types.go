package client

import (
	"context"
	"net/http"
	"net/url"
)

// Account is a user account.
type Account struct {
	ID          string   `json:"id"`
	Username    string   `json:"username"`
	DisplayName string   `json:"displayName"`
	OrgID       string   `json:"orgId"`
	OrgName     string   `json:"orgName"`
	RegionCode  string   `json:"regionCode"`
	RegionName  string   `json:"regionName"`
	Roles       []string `json:"roles"`
	Locked      bool     `json:"locked"`
	Disabled    bool     `json:"disabled"`
}

// Session is a successful sign-in.
type Session struct {
	Token     string  `json:"token"`
	ExpiresAt string  `json:"expiresAt"`
	Account   Account `json:"account"`
}

// Me is the caller and their permissions.
type Me struct {
	Account     Account  `json:"account"`
	Permissions []string `json:"permissions"`
}

// Region is an administrative division.
type Region struct {
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	Level      int     `json:"level"`
	ParentCode *string `json:"parentCode"`
	ChildCount int     `json:"childCount"`
	PathName   string  `json:"pathName"`
}

// Org is an organisation.
type Org struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Kind          string         `json:"kind"`
	RegionCode    string         `json:"regionCode"`
	ParentID      *string        `json:"parentId"`
	Domains       []string       `json:"domains"`
	TownshipClass string         `json:"townshipClass"`
	Quota         map[string]int `json:"quota"`
	Filled        map[string]int `json:"filled"`
}

// Certificate is an enforcement certificate.
type Certificate struct {
	Number    string   `json:"number"`
	Domains   []string `json:"domains"`
	ValidFrom string   `json:"validFrom"`
	ValidTo   string   `json:"validTo"`
	Status    string   `json:"status"`
	DaysLeft  int      `json:"daysLeft"`
}

// Person is a staff member, personal data masked.
type Person struct {
	ID             string       `json:"id"`
	Name           string       `json:"name"`
	IDNumberMasked string       `json:"idNumberMasked"`
	PostOrgID      string       `json:"postOrgId"`
	WorkOrgID      string       `json:"workOrgId"`
	WorkOrgName    string       `json:"workOrgName"`
	PostType       string       `json:"postType"`
	Frontline      bool         `json:"frontline"`
	Sunk           bool         `json:"sunk"`
	Phone          string       `json:"phone"`
	Certificate    *Certificate `json:"certificate"`
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	Chain      string `json:"chain"`
	Seq        int64  `json:"seq"`
	At         string `json:"at"`
	ActorName  string `json:"actorName"`
	Action     string `json:"action"`
	Entity     string `json:"entity"`
	EntityID   string `json:"entityId"`
	EntityName string `json:"entityName"`
	RegionCode string `json:"regionCode"`
	Summary    string `json:"summary"`
	MAC        string `json:"mac"`
}

// Verification is the result of checking the audit chains.
type Verification struct {
	OK       bool                `json:"ok"`
	Count    int64               `json:"count"`
	Chains   []ChainVerification `json:"chains"`
	Problems []string            `json:"problems"`
}

// ChainVerification is the result of checking one audit chain.
type ChainVerification struct {
	Chain     string `json:"chain"`
	Count     int64  `json:"count"`
	HeadSeq   int64  `json:"headSeq"`
	OK        bool   `json:"ok"`
	BrokenSeq int64  `json:"brokenSeq"`
	Problem   string `json:"problem"`
	Reason    string `json:"reason"`
}

// ReformCheck is one reform-ratio figure for an organisation.
type ReformCheck struct {
	Key         string  `json:"key"`
	Title       string  `json:"title"`
	Value       float64 `json:"value"`
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
	Threshold   float64 `json:"threshold"`
	Pass        bool    `json:"pass"`
	Applies     bool    `json:"applies"`
	Rule        string  `json:"rule"`
}

// ReformReport lists the reform checks of an organisation.
type ReformReport struct {
	OrgID  string        `json:"orgId"`
	Checks []ReformCheck `json:"checks"`
}

// ImportResult is a finished import.
type ImportResult struct {
	Kind     string `json:"kind"`
	Imported int    `json:"imported"`
}

// Login signs in and keeps the session token for later calls.
func (c *Client) Login(ctx context.Context, username, password string) (*Session, error) {
	var s Session
	if err := c.Do(ctx, http.MethodPost, "/api/v1/auth/login", map[string]string{"username": username, "password": password}, &s); err != nil {
		return nil, err
	}
	c.Token = s.Token
	return &s, nil
}

// Me returns the signed-in account.
func (c *Client) Me(ctx context.Context) (*Me, error) {
	var m Me
	return &m, c.Get(ctx, "/api/v1/auth/me", nil, &m)
}

// Regions lists regions.
func (c *Client) Regions(ctx context.Context, q url.Values) (*List[Region], error) {
	var l List[Region]
	return &l, c.Get(ctx, "/api/v1/regions", q, &l)
}

// Orgs lists organisations.
func (c *Client) Orgs(ctx context.Context, q url.Values) (*List[Org], error) {
	var l List[Org]
	return &l, c.Get(ctx, "/api/v1/orgs", q, &l)
}

// People lists people.
func (c *Client) People(ctx context.Context, q url.Values) (*List[Person], error) {
	var l List[Person]
	return &l, c.Get(ctx, "/api/v1/people", q, &l)
}

// Person returns one person.
func (c *Client) Person(ctx context.Context, id string) (*Person, error) {
	var p Person
	return &p, c.Get(ctx, "/api/v1/people/"+url.PathEscape(id), nil, &p)
}

// Audit lists the audit log.
func (c *Client) Audit(ctx context.Context, q url.Values) (*List[AuditEntry], error) {
	var l List[AuditEntry]
	return &l, c.Get(ctx, "/api/v1/audit", q, &l)
}

// VerifyAudit checks the audit chains in the caller's jurisdiction.
func (c *Client) VerifyAudit(ctx context.Context) (*Verification, error) {
	var v Verification
	return &v, c.Do(ctx, http.MethodPost, "/api/v1/audit/verify", nil, &v)
}

// Reform returns the reform checks of an organisation.
func (c *Client) Reform(ctx context.Context, orgID string) (*ReformReport, error) {
	var r ReformReport
	return &r, c.Get(ctx, "/api/v1/orgs/"+url.PathEscape(orgID)+"/reform", nil, &r)
}

// ImportRegions uploads a region file.
func (c *Client) ImportRegions(ctx context.Context, filename string, content []byte) (*ImportResult, error) {
	var r ImportResult
	return &r, c.Upload(ctx, "/api/v1/imports/regions", filename, content, &r)
}

// ImportPeople uploads a people file.
func (c *Client) ImportPeople(ctx context.Context, filename string, content []byte) (*ImportResult, error) {
	var r ImportResult
	return &r, c.Upload(ctx, "/api/v1/imports/people", filename, content, &r)
}
