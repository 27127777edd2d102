package region

import (
	"context"
	"fmt"
	"strings"

	"zhifa/internal/audit"
	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/clock"
	"zhifa/internal/platform/db"
)

// Service changes the region tree.
type Service struct {
	DB    *db.DB
	Audit *audit.Log
	Clock clock.Clock
}

// Input creates a region.
type Input struct {
	Code       string `json:"code" text:"12"`
	Name       string `json:"name" text:"50"`
	ParentCode string `json:"parentCode" text:"12"`
}

// Create adds one region below a parent inside the caller's jurisdiction.
func (s *Service) Create(ctx context.Context, p *access.Principal, in Input) (Detail, error) {
	code, level, err := NormalizeCode(in.Code)
	if err != nil {
		return Detail{}, err
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return Detail{}, apperr.InvalidField("name", "REGION_NAME_REQUIRED", "区划名称不能为空")
	}
	parent := ""
	if strings.TrimSpace(in.ParentCode) != "" {
		if parent, _, err = NormalizeCode(in.ParentCode); err != nil {
			return Detail{}, err.(*apperr.Error).WithField("parentCode")
		}
	}
	if err := CheckParent(code, level, parent); err != nil {
		return Detail{}, err
	}
	if !p.Scope().Contains(code) {
		return Detail{}, apperr.InvalidField("code", "REGION_OUT_OF_SCOPE", "只能在本辖区内新增行政区划")
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if parent != "" {
			ok, err := Exists(ctx, tx, parent)
			if err != nil {
				return err
			}
			if !ok {
				return apperr.InvalidField("parentCode", "REGION_PARENT_UNKNOWN", "上级区划代码不存在："+parent)
			}
		}
		if ok, err := Exists(ctx, tx, code); err != nil {
			return err
		} else if ok {
			return apperr.Conflict("REGION_EXISTS", "区划代码已存在："+code).WithField("code")
		}
		if _, err := db.Exec(ctx, tx, `INSERT INTO regions (code, name, level, parent_code, created_at) VALUES (?, ?, ?, ?, ?)`,
			code, name, level, nullable(parent), clock.Stamp(s.Clock.Now())); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionCreate, Entity: "region", EntityID: code,
			EntityName: name, RegionCode: code, Summary: "新增行政区划 " + name + "（" + code + "）", Detail: in})
	})
	if err != nil {
		return Detail{}, err
	}
	return Get(ctx, s.DB, p.Scope(), code)
}

// Rename changes a region's name.
func (s *Service) Rename(ctx context.Context, p *access.Principal, code string, in RenameInput) (Detail, error) {
	name := in.Name
	name = strings.TrimSpace(name)
	if name == "" {
		return Detail{}, apperr.InvalidField("name", "REGION_NAME_REQUIRED", "区划名称不能为空")
	}
	old, err := Get(ctx, s.DB, p.Scope(), code)
	if err != nil {
		return Detail{}, err
	}
	if !p.Scope().Contains(code) {
		return Detail{}, apperr.Forbidden("只能修改本辖区内的行政区划，上级区划由上级维护").WithCode("OUT_OF_WRITE_SCOPE")
	}
	err = s.DB.Tx(ctx, func(tx *db.Tx) error {
		if _, err := db.Exec(ctx, tx, `UPDATE regions SET name = ? WHERE code = ?`, name, code); err != nil {
			return err
		}
		return s.Audit.Append(ctx, tx, p, audit.Event{Action: audit.ActionUpdate, Entity: "region", EntityID: code, RegionCode: code,
			EntityName: name, Summary: fmt.Sprintf("行政区划 %s 更名为 %s", old.Name, name), Detail: map[string]string{"from": old.Name, "to": name}})
	})
	if err != nil {
		return Detail{}, err
	}
	return Get(ctx, s.DB, p.Scope(), code)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
