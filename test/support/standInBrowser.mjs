#!/usr/bin/env node
// Stands in for a person's browser: opens the URL it is given (its last argument) and follows redirects,
// as a browser does after the user approves, so the sign-in reaches the loopback callback.
const url = process.argv.at(-1);
const response = await fetch(url);
await response.text();
