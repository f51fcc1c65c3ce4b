// UI strings: English msgids marked with gettext(). The Spanish and Portuguese come from Django's JavaScript
// catalogue (`/jsi18n/`: the gettext catalogues locale/<lang>/LC_MESSAGES/djangojs.po), which the page loads
// before this module in the page's language (LocaleMiddleware: the language cookie, else the browser's
// Accept-Language). Elements carry data-i18n="key" (text), data-i18n-placeholder, data-i18n-label
// (aria-label) or data-i18n-title; applyStrings() fills them in.

const gettext = globalThis.gettext ?? ((msgid) => msgid); // no catalogue loaded: English

export const STRINGS = {
  brand_tagline: gettext("Your betting assistant"),
  new_chat: gettext("New chat"),
  conversations: gettext("Conversations"),
  no_conversations: gettext("No conversations yet. Ask something to start one."),
  delete_conversation: gettext("Delete conversation"),
  confirm_delete: gettext("Delete?"),
  untitled: gettext("New conversation"),
  message_label: gettext("Message"),
  skip_to_input: gettext("Skip to the message box"),
  placeholder: gettext("Ask about matches, odds or a bet…"),
  send: gettext("Send"),
  hint: gettext("Enter to send · Shift+Enter for a new line"),
  menu: gettext("Menu"),
  close_menu: gettext("Close menu"),
  show_odds: gettext("Live odds"),
  language: gettext("Language"),
  status_connecting: gettext("Connecting…"),
  status_online: gettext("Connected"),
  status_offline: gettext("Offline"),
  status_retry: gettext("Reconnecting in {s}s"),
  status_elsewhere: gettext("Open in another tab"),
  reconnect: gettext("Reconnect"),
  typing: gettext("ChatBet is typing"),
  welcome_title: gettext("Hi! I'm ChatBet."),
  welcome_text: gettext("Ask me about fixtures, odds, or what a bet would pay. Answers come from live sportsbook data."),
  example_1: gettext("What matches are on today?"),
  example_2: gettext("Odds for Real Madrid"),
  example_3: gettext("If I bet $20 on Barcelona, how much could I win?"),
  example_4: gettext("How do 1X2 odds work?"),
  suggestions: gettext("Suggested follow-ups"),
  helpful: gettext("Helpful"),
  not_helpful: gettext("Not helpful"),
  thanks_feedback: gettext("Thanks for the feedback"),
  copy: gettext("Copy"),
  copied: gettext("Copied"),
  you: gettext("You"),
  assistant: "ChatBet",
  login: gettext("Log in"),
  logout: gettext("Log out"),
  guest_mode: gettext("Guest mode"),
  signed_in_as: gettext("Signed in as {name}"),
  username: gettext("Username or email"),
  password: gettext("Password"),
  cancel: gettext("Cancel"),
  login_failed: gettext("Login failed. Check your username and password."),
  odds_title: gettext("Live odds"),
  odds_empty: gettext("Odds for matches you ask about appear here and update live."),
  odds_home: "1",
  odds_draw: "X",
  odds_away: "2",
  remove: gettext("Remove"),
  suspended: gettext("Suspended"),
  kickoff: gettext("Kick-off"),
  live: gettext("Live"),
  live_badge: gettext("LIVE"),
  error_generic: gettext("Something went wrong. Please try again."),
  answer_received: gettext("New answer from ChatBet"),
  sending: gettext("Sending…"),
  queued: gettext("Waiting for connection…"),
  deleted: gettext("Conversation deleted"),
  history_failed: gettext("Could not load this conversation."),
  responsible: gettext("Bet responsibly. 18+."),
  // the slip card (slips.js)
  slip_title: gettext("Bet slip"),
  slip_selection: gettext("Selection"),
  slip_market: gettext("Market"),
  slip_line: gettext("Line"),
  slip_odds: gettext("Odds"),
  slip_stake: gettext("Stake"),
  slip_return: gettext("Potential return"),
  slip_expires: gettext("Expires"),
  slip_confirm: gettext("Confirm bet"),
  slip_cancel: gettext("Cancel"),
  slip_placing: gettext("Placing your bet…"),
  slip_cancelling: gettext("Cancelling…"),
  slip_state_proposed: gettext("Awaiting confirmation"),
  slip_state_confirmed: gettext("Confirmed"),
  slip_state_placing: gettext("Being placed"),
  slip_state_placed: gettext("Placed"),
  slip_state_refused: gettext("Refused"),
  slip_state_outcome_unknown: gettext("Outcome unknown"),
  slip_state_expired: gettext("Expired"),
  slip_state_cancelled: gettext("Cancelled"),
  market_1x2: gettext("Match result (1X2)"),
  market_double_chance: gettext("Double chance"),
  market_over_under: gettext("Over/under"),
  market_btts: gettext("Both teams to score"),
  market_handicap: gettext("Handicap"),
  market_half_time_result: gettext("Half-time result"),
};

// Our language codes (the chat's `language` hint: en, es, pt_br); Django's are en, es, pt-br.
export const LANGUAGES = ["en", "es", "pt_br"];
const LANGUAGE_COOKIE = "django_language"; // Django's LANGUAGE_COOKIE_NAME, read by LocaleMiddleware

/** The page's language, as the server rendered it (`<html lang>`), in our codes. */
export function pageLanguage() {
  const lang = (document.documentElement.lang || "en").toLowerCase().replace("-", "_");
  return LANGUAGES.includes(lang) ? lang : "en";
}

/** The BCP 47 tag for Intl formatters ("pt_br" → "pt-br"). */
export function locale(lang) {
  return String(lang || "en").replace("_", "-");
}

/** Another language: the catalogue is the page's, so remember the choice for the server and reload. */
export function switchLanguage(lang) {
  document.cookie = `${LANGUAGE_COOKIE}=${locale(lang)}; path=/; max-age=31536000; samesite=lax`;
  window.location.reload();
}

/** The string `key` (in the page's language: `lang` is the page's, see switchLanguage), filled with `vars`. */
export function t(lang, key, vars = {}) {
  let s = STRINGS[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

export function applyStrings(root, lang) {
  document.documentElement.lang = locale(lang);
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(lang, el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = t(lang, el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(lang, el.dataset.i18nLabel));
  }
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(lang, el.dataset.i18nTitle);
}
