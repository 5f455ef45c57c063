/**
 * One client-side budget shared by every portal call of a session. Identity Center allows about 20 portal
 * requests per second in total; calls are paced evenly at the current rate, the rate halves (at most once a
 * second) when the service throttles and creeps back up with each success (AIMD, as TCP does), so a big
 * organization is listed near the limit without storms of 429s.
 */
export interface RateBudgetOptions {
  readonly initialRate?: number;
  readonly maxRate?: number;
  readonly minRate?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const PORTAL_MAX_RATE = 19.5;

export class RateBudget {
  private rate: number;
  private nextSlot = 0;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private readonly maxRate: number;
  private readonly minRate: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RateBudgetOptions = {}) {
    this.maxRate = options.maxRate ?? PORTAL_MAX_RATE;
    this.minRate = options.minRate ?? 1;
    this.rate = Math.min(options.initialRate ?? this.maxRate, this.maxRate);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Calls per second the budget currently allows. */
  get currentRate(): number {
    return this.rate;
  }

  /** Waits for this call's turn. */
  async take(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.rate;
    if (slot > now) await this.sleep(slot - now);
  }

  succeeded(): void {
    this.rate = Math.min(this.maxRate, this.rate + 0.1);
  }

  throttled(): void {
    const now = this.now();
    // Calls already in flight when the service started refusing report together: one decrease for them all.
    if (now - this.lastDecrease < 1000) return;
    this.lastDecrease = now;
    this.rate = Math.max(this.minRate, this.rate / 2);
    // Let the service's one-second window drain before the next call.
    this.nextSlot = Math.max(this.nextSlot, now + 1000);
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
