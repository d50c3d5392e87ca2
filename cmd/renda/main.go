// Command renda runs the platform for grassroots people's congresses: the
// web server, migrations, imports, backups, accounts and demo data.
package main

import (
	"os"

	"renda/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
