// Package client is a small typed Go client for the Zhifa REST API (/api/v1). The API tests use it,
// and so can other systems that exchange data with the platform.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// Client calls one Zhifa server.
type Client struct {
	BaseURL string
	HTTP    *http.Client
	Token   string // session token from Login; sent as a bearer token
}

// New returns a client for the server at baseURL (e.g. http://127.0.0.1:8080).
func New(baseURL string) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), HTTP: http.DefaultClient}
}

// Error is an error answer from the server: its HTTP status and the coded error (code, Chinese
// message, field, rule and details).
type Error struct {
	Status int `json:"-"`
	ApperrError
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// Do sends a JSON request (body may be nil) and decodes a JSON answer into out (which may be nil).
func (c *Client) Do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(req, out)
}

func (c *Client) send(req *http.Request, out any) error {
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		var env struct {
			Error *Error `json:"error"`
		}
		if json.Unmarshal(raw, &env) != nil || env.Error == nil {
			return &Error{Status: resp.StatusCode, ApperrError: ApperrError{Code: "HTTP_" + resp.Status, Message: string(raw)}}
		}
		env.Error.Status = resp.StatusCode
		return env.Error
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// Get fetches path with query parameters into out.
func (c *Client) Get(ctx context.Context, path string, q url.Values, out any) error {
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return c.Do(ctx, http.MethodGet, path, nil, out)
}

// Send posts a file as the request body itself (application/octet-stream), with its description
// in the query string: the evidence routes take files this way, so that a large one streams.
func (c *Client) Send(ctx context.Context, path string, q url.Values, file io.Reader, out any) error {
	return c.Stream(ctx, http.MethodPost, path, q, file, out)
}

// Stream sends a file (or a piece of one) as the request body with the given method.
func (c *Client) Stream(ctx context.Context, method, path string, q url.Values, file io.Reader, out any) error {
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, file)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	return c.send(req, out)
}

// Upload posts a file as the multipart field "file".
func (c *Client) Upload(ctx context.Context, path, filename string, content []byte, out any) error {
	return c.UploadForm(ctx, path, filename, content, nil, out)
}

// UploadForm posts a file as the multipart field "file" together with other form fields.
func (c *Client) UploadForm(ctx context.Context, path, filename string, content []byte, fields url.Values, out any) error {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				return err
			}
		}
	}
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		return err
	}
	fw.Write(content)
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, &buf)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req, out)
}
