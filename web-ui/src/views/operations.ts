// What the Clients list, a client's page and a topic's subscribers share: a request repeated while shown whose late
// answers never overwrite newer ones, and how a failure is said (a broker without an operations API, 501, in place
// of the content with the gateway's detail; other refusals as the page says them elsewhere).

import { GatewayError } from '../lib/gateway';

/** How often a shown list or client page asks again (the broker's $SYS tree, for comparison, comes every 10 s). */
export const REFRESH_MS = 5000;

/** What an API key without admin sees where the broker's clients would be. */
const NOT_ADMIN = 'This API key may not operate the broker: the gateway\'s keys file must give it "admin": true.';

/** Requests an answer now and every REFRESH_MS while started; only the newest request's answer is applied. */
export class Refresher<T> {
  private timer?: ReturnType<typeof setInterval>;
  private latest = 0;

  constructor(
    private readonly request: () => Promise<T>,
    private readonly apply: (answer: T) => void,
    private readonly fail: (error: unknown) => void,
  ) {}

  start(): void {
    this.stop();
    this.now();
    this.timer = setInterval(() => this.now(), REFRESH_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.latest++; // an answer still under way is not applied
  }

  /** Asks again at once (e.g. the filter changed), the periodic requests going on. */
  now(): void {
    const mine = ++this.latest;
    this.request().then(
      (answer) => { if (mine === this.latest) this.apply(answer); },
      (error: unknown) => { if (mine === this.latest) this.fail(error); },
    );
  }
}

/**
 * A part of the page filled from the operations API (the client list, a client's page): while shown and the key may
 * operate the broker, its refresher asks again every REFRESH_MS; otherwise it says why nothing comes.
 */
export class OperatedPart {
  /** Unknown until the gateway said what the key may do. */
  private admin?: boolean;
  private shown = false;

  constructor(
    private readonly section: HTMLElement,
    private readonly refresher: Pick<Refresher<unknown>, 'start' | 'stop'>,
    private readonly parts: Parts,
  ) {}

  setAdmin(admin: boolean): void {
    this.admin = admin;
    if (this.shown) this.start();
  }

  show(): void {
    this.shown = true;
    this.section.hidden = false;
    this.start();
  }

  hide(): void {
    this.shown = false;
    this.section.hidden = true;
    this.refresher.stop();
  }

  get isShown(): boolean {
    return this.shown;
  }

  private start(): void {
    if (this.admin) {
      this.refresher.start();
      return;
    }
    this.refresher.stop();
    showUnavailable(this.parts, this.admin === undefined ? 'Asking the gateway what this API key may do…' : NOT_ADMIN);
  }
}

/** The elements of a part that shows an answer of the operations API. */
export interface Parts {
  /** Shown in place of the content when the broker cannot be operated (501, or a key without admin). */
  unavailable: HTMLElement;
  /** Other failures. */
  error: HTMLElement;
  /** What the answer fills in. */
  content: HTMLElement;
}

/** The answer came: the content is shown, no failure. */
export function showContent(parts: Parts): void {
  parts.unavailable.hidden = true;
  parts.error.textContent = '';
  parts.content.hidden = false;
}

/** Says that the content cannot come, in place of it. */
export function showUnavailable(parts: Parts, why: string): void {
  parts.unavailable.textContent = why;
  parts.unavailable.hidden = false;
  parts.error.textContent = '';
  parts.content.hidden = true;
}

/**
 * A failed request: the broker has no operations API (501: the gateway's detail says which setting or broker) is
 * shown in place of the content; any other failure in the error line, the content staying as it was.
 */
export function showFailure(parts: Parts, error: unknown): void {
  if (error instanceof GatewayError && error.status === 501) {
    showUnavailable(parts, `The broker cannot be operated from here: ${error.detail || error.title}`);
    return;
  }
  parts.unavailable.hidden = true;
  parts.error.textContent = error instanceof Error ? error.message : String(error);
}

/** A time as the user's clock says it, '–' when unknown. */
export function localTime(iso: string | null): string {
  if (iso === null || Number.isNaN(Date.parse(iso))) return '–';
  return new Date(iso).toLocaleString();
}
