package cli

import (
	"context"
	"io"

	"github.com/peterbourgon/ff/v3/ffcli"

	"zhifa/internal/server"
)

// openapiCommand prints the OpenAPI document of the route table without starting a server or
// opening a store. The output is stable (fixed version, sorted keys), so it can be committed and
// the console's and the Go client's types generated from it (make generate).
func openapiCommand(stdout io.Writer) *ffcli.Command {
	return &ffcli.Command{Name: "openapi", ShortUsage: "zhifa openapi > web/src/api/openapi.json",
		ShortHelp: "输出接口的 OpenAPI 3.1 文档（JSON，无需启动服务或数据库）",
		Exec: func(context.Context, []string) error {
			doc, err := server.OpenAPIDocument()
			if err != nil {
				return err
			}
			_, err = stdout.Write(doc)
			return err
		}}
}
