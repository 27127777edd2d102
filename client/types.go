package client

import (
	"context"
	"net/http"
	"net/url"
)

// The request and response types are generated from the server's OpenAPI document into
// types_gen.go (make generate), named after the server's package and type: people.Person is
// PeoplePerson. The names below are the ones callers read.
type (
	Account           = AccountAccount    // a user account
	Session           = AccountSession    // a successful sign-in
	Me                = AccountMe         // the caller and their permissions
	Permission        = AccessPermission  // a permission code
	Role              = AccessRole        // a role code
	Region            = RegionRegion      // an administrative division
	Org               = OrgOrg            // an organisation
	Certificate       = PeopleCertificate // an enforcement certificate
	Person            = PeoplePerson      // a staff member, personal data masked
	Verification      = AuditReport       // the result of checking the audit chains
	ChainVerification = AuditChainReport  // the result of checking one audit chain
	Detail            = ApperrDetail      // one row- or field-level problem of an error
)

// List is one page of results: the server's httpx.List[T], whose instances the document names
// people.PersonList and so on (TestListMatchesEveryListInTheDocument keeps the two in step).
type List[T any] struct {
	Items    []T `json:"items"`
	Total    int `json:"total"`
	Page     int `json:"page"`
	PageSize int `json:"pageSize"`
}

// Login signs in and keeps the session token for later calls.
func (c *Client) Login(ctx context.Context, username, password string) (*Session, error) {
	var s Session
	if err := c.Do(ctx, http.MethodPost, "/api/v1/auth/login", AccountLoginInput{Username: username, Password: password}, &s); err != nil {
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

// Person returns one person with their certificates.
func (c *Client) Person(ctx context.Context, id string) (*PeopleDetail, error) {
	var p PeopleDetail
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
func (c *Client) ImportRegions(ctx context.Context, filename string, content []byte) (*RegionImportResult, error) {
	var r RegionImportResult
	return &r, c.Upload(ctx, "/api/v1/imports/regions", filename, content, &r)
}

// ImportPeople uploads a people file.
func (c *Client) ImportPeople(ctx context.Context, filename string, content []byte) (*PeopleImportResult, error) {
	var r PeopleImportResult
	return &r, c.Upload(ctx, "/api/v1/imports/people", filename, content, &r)
}
