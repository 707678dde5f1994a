// The server stores "valid through 30/06/2027" as the instant the next day starts in Vietnam
// (00:00 01/07/2027). People think in the last valid day, so that is what is shown.
import { formatDate, formatDateTime, formatTime } from '../../../format.js';

/** "30/06/2027" for a midnight expiry, else "14:40 30/06/2027". */
export function lastValidDay(expiresAt) {
  if (formatTime(expiresAt) === '00:00') return formatDate(new Date(new Date(expiresAt).getTime() - 60_000));
  return formatDateTime(expiresAt);
}
