// A WebSocket that comes back: exponential backoff with jitter, heartbeat pings, a send queue
// flushed once the server acknowledges, and a new token when the server refuses the old one.

export function wsURL(path, params = {}) {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return url.toString();
}

// The token travels in the `Sec-WebSocket-Protocol` pair ["bearer", token], never in the URL (URLs end up
// in proxy and server access logs). The server accepts the "bearer" protocol back.
export function bearerProtocols(token) {
  return token ? ["bearer", token] : [];
}

export function backoffDelay(attempt, { base = 500, max = 15000 } = {}) {
  const exp = Math.min(max, base * 2 ** attempt);
  return Math.round(exp * (0.75 + Math.random() * 0.5));
}

export class ReconnectingSocket {
  /**
   * @param {() => Promise<string|{url: string, protocols: string[]}>} url builds the URL (and the
   *   subprotocols carrying the token) for each attempt: fresh token, current session
   * @param {object} handlers onFrame(frame), onStatus({state, retryIn}), onAuthError(), onOpen(),
   *   prepare(frame) → frame (fills in late fields such as the session id just before sending)
   * @param {object} options readyType: the frame type that means "ready to send" (null: on open)
   */
  constructor(url, handlers = {}, { readyType = null, pingMs = 25000 } = {}) {
    this.url = url;
    this.handlers = handlers;
    this.readyType = readyType;
    this.pingMs = pingMs;
    this.ws = null;
    this.ready = false;
    this.attempt = 0;
    this.queue = [];
    this.timer = null;
    this.pingTimer = null;
    this.stopped = true;
    window.addEventListener("online", () => this.#soon());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.#soon();
    });
  }

  get isOpen() {
    return this.ready && this.ws?.readyState === WebSocket.OPEN;
  }

  start() {
    this.stopped = false;
    this.attempt = 0;
    this.#connect();
  }

  /** Close on purpose (1000) and do not come back until start(). */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
  }

  restart() {
    this.stop();
    this.start();
  }

  /** Send now if ready, else queue until the next acknowledged connection. */
  send(frame) {
    if (this.isOpen) {
      this.ws.send(JSON.stringify(this.handlers.prepare ? this.handlers.prepare(frame) : frame));
      return true;
    }
    this.queue.push(frame);
    this.#soon();
    return false;
  }

  #status(state, extra = {}) {
    this.handlers.onStatus?.({ state, ...extra });
  }

  #soon() {
    if (this.stopped || this.ws) return;
    clearTimeout(this.timer);
    this.attempt = 0;
    this.#connect();
  }

  async #connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.#status("connecting");
    let target;
    try {
      target = await this.url();
    } catch {
      return this.#retry();
    }
    if (this.stopped) return;
    const ws = typeof target === "string" ? new WebSocket(target) : new WebSocket(target.url, target.protocols);
    this.ws = ws;
    this.replaced = false;
    ws.addEventListener("open", () => {
      if (this.ws !== ws) return;
      if (!this.readyType) this.#becomeReady();
      this.handlers.onOpen?.();
    });
    ws.addEventListener("message", (event) => {
      if (this.ws !== ws) return;
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === "connection_status" && frame.status === "replaced") this.replaced = true;
      this.handlers.onFrame?.(frame); // first: the ack's session id is stored before the queue flushes
      if (frame.type === this.readyType) this.#becomeReady();
    });
    ws.addEventListener("close", (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      clearInterval(this.pingTimer);
      if (this.stopped) return;
      if (event.code === 1000 && this.replaced) {
        // The server replaced this connection (the same session opened elsewhere): stay quiet.
        this.stopped = true;
        this.#status("elsewhere");
        return;
      }
      if (event.code === 4401) {
        this.handlers.onAuthError?.();
        this.attempt = 0;
      }
      this.#retry(event.code === 4429 ? 4 : 0);
    });
  }

  #becomeReady() {
    this.ready = true;
    this.attempt = 0;
    this.#status("online");
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (this.isOpen) this.ws.send(JSON.stringify({ type: "ping", timestamp: new Date().toISOString() }));
    }, this.pingMs);
    const queued = this.queue.splice(0);
    for (const frame of queued) this.send(frame);
  }

  #retry(minAttempt = 0) {
    if (this.stopped) return;
    this.attempt = Math.max(this.attempt, minAttempt);
    const delay = backoffDelay(this.attempt++);
    this.#status("offline", { retryIn: delay });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.#connect(), delay);
  }
}
