// Command akua is the akua command line; everything lives in package cli.
package main

import (
	"os"

	"akua.dev/akua/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
