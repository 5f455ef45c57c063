import {
  configFileContents,
  mergeSection,
  type ConfigFileContents,
  type IniValuesByKey,
} from '../../source/services/awsFiles/awsConfigFile.js';
import { parseIni } from '../../source/services/awsFiles/iniParser.js';

// What the tests read back from AWS files sso-tui wrote; the program itself reads the config file from a
// parsed document (configFileContents) and never reads the credentials file.

/** `~/.aws/config` as the AWS SDK for JavaScript reads it (see configFileContents). */
export function readConfigFile(text: string): ConfigFileContents {
  return configFileContents(parseIni(text));
}

/**
 * `~/.aws/credentials`: every plain `[x]` is profile x (`[profile x]` there is not, for the SDKs). A name
 * with white space is left out: the SDKs disagree on it and sso-tui never writes one.
 */
export function readCredentialsFile(text: string): Map<string, IniValuesByKey> {
  const profiles = new Map<string, IniValuesByKey>();
  for (const section of parseIni(text).sections) {
    if (section.kind === 'plain' && !/\s/.test(section.name)) mergeSection(profiles, section.name, section);
  }
  return profiles;
}
