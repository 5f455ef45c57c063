/** `YYYY-MM-DDTHH:MM:SSZ`: ISO 8601 in UTC without milliseconds, as AWS CLI v2 writes times. */
export function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
