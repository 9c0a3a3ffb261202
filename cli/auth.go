package cli

// This file holds `akua auth`: registry credentials in docker's
// config.json, the store every OCI tool (docker, helm, oras) shares.

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"oras.land/oras-go/v2/registry/remote/auth"
)

func init() { addCommand(newAuthCmd) }

func newAuthCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "auth",
		Short: "Log in to and out of OCI registries",
		Long: `Auth manages registry credentials in docker's config.json
($DOCKER_CONFIG/config.json, else ~/.docker/config.json), or in the
credential helper it configures: the same store docker, helm and oras
use, so a login with any of them works for akua and the other way round.`,
		Args: subcommandArgs,
		RunE: groupRunE,
	}
	cmd.AddCommand(newAuthLoginCmd(), newAuthLogoutCmd(), newAuthListCmd())
	return cmd
}

func newAuthLoginCmd() *cobra.Command {
	var f artifactFlags
	var user, password string
	var passwordStdin bool
	cmd := &cobra.Command{
		Use:   "login <registry>",
		Short: "Check credentials against a registry and store them",
		Long: `Login checks the credentials against the registry (a request to its
/v2/ API) and stores them only when the registry accepts them. Prefer
--password-stdin: a password on the command line lands in shell history.`,
		Example: `  echo "$TOKEN" | akua auth login ghcr.io -u acme --password-stdin`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			host := strings.TrimPrefix(args[0], "oci://")
			if passwordStdin {
				if password != "" {
					return usageErrorf(cmd, "--password and --password-stdin are exclusive")
				}
				line, err := bufio.NewReader(cmd.InOrStdin()).ReadString('\n')
				if err != nil && err != io.EOF {
					return systemError(err)
				}
				password = strings.TrimRight(line, "\r\n")
			}
			if user == "" || password == "" {
				return usageErrorf(cmd, "give --username and a password (--password-stdin)")
			}
			if err := f.client().Login(cmd.Context(), host, auth.Credential{Username: user, Password: password}); err != nil {
				return &ExitError{Code: ExitUser, Err: err, Help: "check the username and token, and that the registry address is right"}
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), map[string]string{"registry": host, "status": "logged in"})
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "logged in to %s\n", host)
			return err
		},
	}
	cmd.Flags().StringVarP(&user, "username", "u", "", "user name")
	cmd.Flags().StringVarP(&password, "password", "p", "", "password or token (prefer --password-stdin)")
	cmd.Flags().BoolVar(&passwordStdin, "password-stdin", false, "read the password from standard input")
	f.bindRegistry(cmd)
	return cmd
}

func newAuthLogoutCmd() *cobra.Command {
	var f artifactFlags
	return &cobra.Command{
		Use:   "logout <registry>",
		Short: "Remove the stored credentials of a registry",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			host := strings.TrimPrefix(args[0], "oci://")
			if err := f.client().Logout(cmd.Context(), host); err != nil {
				return &ExitError{Code: ExitUser, Err: err}
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), map[string]string{"registry": host, "status": "logged out"})
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "logged out of %s\n", host)
			return err
		},
	}
}

func newAuthListCmd() *cobra.Command {
	var f artifactFlags
	return &cobra.Command{
		Use:   "list",
		Short: "List the registries with stored credentials",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			hosts, err := f.client().LoggedIn()
			if err != nil {
				return systemError(err)
			}
			if jsonOutput(cmd) {
				return writeJSON(cmd.OutOrStdout(), map[string][]string{"registries": hosts})
			}
			for _, h := range hosts {
				fmt.Fprintln(cmd.OutOrStdout(), h)
			}
			return nil
		},
	}
}
