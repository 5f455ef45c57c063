export const USAGE = `sso-tui — AWS credentials through IAM Identity Center, from the keyboard

Usage
  sso-tui [--profile NAME]                 the full-screen flow (sign in, pick an account and role, export)
  sso-tui login [--device-code] [--no-browser]
                                           sign in; fills the token cache shared with the AWS CLI
  sso-tui logout                           revoke the sign-in and delete its cached token
  sso-tui list [--roles] [--json]          the accounts (with --roles, every account and role)
  sso-tui export --account A --role R --profile P [--sso-profile] [--force]
  sso-tui env --account A --role R [--shell sh|fish|powershell]
  sso-tui credential-process --account A --role R
  sso-tui console --account A --role R [--print]

Options for every command
  --sso-session NAME    the [sso-session NAME] of ~/.aws/config to use
  --start-url URL       the AWS access portal URL (with --region), instead of a configured session
  --region REGION       the Identity Center region
  --no-browser          print the sign-in URL instead of opening a browser
  --device-code         sign in with a device code instead of the browser redirect
  --callback-port N     fixed port for the sign-in redirect (for ssh -L N:127.0.0.1:N)
  --demo                run against the built-in Identity Center simulator, in a sandbox folder
  --debug               show details of failures
  -h, --help            this text
  -v, --version         the version

A is an account id or name; R a role name. Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted.
`;
