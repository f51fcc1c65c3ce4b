// REST client: JWT handling (guest token by default, user tokens after login) kept in localStorage.

const KEYS = {
  guest: "chatbet.guestToken",
  auth: "chatbet.auth", // {access, refresh, username}
};

function readJSON(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch {
    return null;
  }
}

/** Seconds until a JWT expires (-1 when unreadable). The signature is the server's business. */
export function tokenTTL(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return payload.exp ? payload.exp - Date.now() / 1000 : 3600;
  } catch {
    return -1;
  }
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || body.detail || body.error_message)) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export class Api {
  constructor(base = "/api/v1") {
    this.base = base;
    this.auth = readJSON(KEYS.auth);
    this.pendingToken = null;
  }

  get username() {
    return this.auth?.username || null;
  }

  get isLoggedIn() {
    return Boolean(this.auth);
  }

  async raw(path, { method = "GET", body, token } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = { message: text.slice(0, 200) };
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  /** A valid bearer token: the user's access token (refreshed when needed) or a guest token. */
  async token() {
    if (!this.pendingToken) {
      this.pendingToken = this.#freshToken().finally(() => {
        this.pendingToken = null;
      });
    }
    return this.pendingToken;
  }

  async #freshToken() {
    if (this.auth) {
      if (this.auth.access && tokenTTL(this.auth.access) > 30) return this.auth.access;
      if (this.auth.refresh && tokenTTL(this.auth.refresh) > 5) {
        try {
          const data = await this.raw("/auth/refresh", { method: "POST", body: { refresh: this.auth.refresh } });
          this.#saveAuth({ ...this.auth, access: data.access, refresh: data.refresh || this.auth.refresh });
          return this.auth.access;
        } catch {
          /* fall through to guest mode */
        }
      }
      this.#saveAuth(null);
    }
    const guest = localStorage.getItem(KEYS.guest);
    if (guest && tokenTTL(guest) > 30) return guest;
    const data = await this.raw("/auth/generate_token", { method: "POST", body: {} });
    localStorage.setItem(KEYS.guest, data.token);
    return data.token;
  }

  /** Forget a token the server refused so the next call gets a new one. */
  invalidate() {
    if (this.auth) this.#saveAuth({ ...this.auth, access: null }); // the refresh token may still work
    else localStorage.removeItem(KEYS.guest);
  }

  #saveAuth(auth) {
    const changed = Boolean(this.auth) !== Boolean(auth);
    this.auth = auth;
    if (auth) localStorage.setItem(KEYS.auth, JSON.stringify(auth));
    else localStorage.removeItem(KEYS.auth);
    if (changed) this.onAuthChange?.(Boolean(auth));
  }

  /** An authenticated call; a 401 gets one retry with a new token. */
  async call(path, options = {}) {
    try {
      return await this.raw(path, { ...options, token: await this.token() });
    } catch (err) {
      if (err.status !== 401) throw err;
      this.invalidate();
      return this.raw(path, { ...options, token: await this.token() });
    }
  }

  async login(username, password) {
    const data = await this.raw("/auth/login", { method: "POST", body: { username, password } });
    const access = data.access || data.access_token || data.token;
    if (!access) throw new ApiError(500, { message: "no access token in login response" });
    const name = data.user?.username || username;
    this.#saveAuth({ access, refresh: data.refresh || data.refresh_token || null, username: name });
    // The guest's conversations move to the account, so the chat in progress carries on.
    const guestToken = localStorage.getItem(KEYS.guest);
    if (guestToken && tokenTTL(guestToken) > 5) {
      try {
        await this.raw("/auth/claim-guest", { method: "POST", body: { guest_token: guestToken }, token: access });
        localStorage.removeItem(KEYS.guest); // a claimed guest is ended, like a logout: a new one after logout
      } catch {
        /* nothing to claim */
      }
    }
    return data;
  }

  async logout() {
    const auth = this.auth;
    this.#saveAuth(null);
    if (auth?.refresh) {
      try {
        await this.raw("/auth/logout", { method: "POST", body: { refresh: auth.refresh }, token: auth.access });
      } catch {
        /* the refresh token simply expires */
      }
    }
  }

  conversations() {
    return this.call("/chat/conversations");
  }

  history(sessionId) {
    return this.call(`/chat/history/${encodeURIComponent(sessionId)}`);
  }

  deleteConversation(sessionId) {
    return this.call(`/chat/history/${encodeURIComponent(sessionId)}`, { method: "DELETE" });
  }

  feedback(messageId, rating) {
    return this.call("/chat/feedback", { method: "POST", body: { message_id: messageId, rating } });
  }

  fixtures(params) {
    return this.call(`/sports/fixtures?${new URLSearchParams(params)}`);
  }

  fixture(fixtureId) {
    return this.call(`/sports/fixtures/${encodeURIComponent(fixtureId)}`);
  }

  odds(fixtureId) {
    return this.call(`/sports/odds?${new URLSearchParams({ match_id: fixtureId })}`);
  }
}

/** Lists may come bare, paginated ({results}) or wrapped ({messages}/{conversations}). */
export function asList(data, ...keys) {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== "object") return [];
  for (const key of [...keys, "results", "data", "items"]) {
    if (Array.isArray(data[key])) return data[key];
  }
  return [];
}
