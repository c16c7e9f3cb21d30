// link-errors.js: the limits on a link and the errors of the page's own checks of
// one (link.js), of a configuration's memory budget (budget.js) and of the embed's
// messages (message-api.js): each names the key it refused, why, and the limit.
import { t } from '../i18n/index.js';

/** Limits on a link as a whole; beyond them a link is refused with the limit named. */
export const LIMITS = Object.freeze({
  linkChars: 1_000_000, // fragment (or query) length: custom data sets fit, a 100 MB paste does not
  pairs: 200, // key=value pairs
  keyChars: 40,
  shownChars: 40, // how much of a bad value a message repeats
});

/** A value cut to a length a message can repeat, with control characters made visible. */
export function shown(value, max = LIMITS.shownChars) {
  const s = String(value).replace(/[\u0000-\u001f\u007f]/g, '?');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** An error of the page's own link checks; `code` is its key in the locale table. */
export function linkError(key, code, args = {}) {
  const params = { key: shown(key), ...args };
  const message = t(code, params);
  return { key: shown(key), reason: message, message, code, args: params };
}
