/** The 1, 5 and 15 minute load averages: exponentially damped means of the runnable count. */
const PERIODS_S = [60, 300, 900] as const;

export class LoadAverage {
  private averages: readonly number[] = [0, 0, 0];
  private runnable = 0;

  constructor(private at: number) {}

  /** Ages the averages to `now` with the count that held since the last call, then records the new one. */
  update(now: number, runnable: number): void {
    const seconds = (now - this.at) / 1000;
    if (seconds > 0) {
      this.averages = this.averages.map((avg, i) => {
        const decay = Math.exp(-seconds / PERIODS_S[i]!);
        return avg * decay + this.runnable * (1 - decay);
      });
      this.at = now;
    }
    this.runnable = runnable;
  }

  values(): readonly number[] {
    return this.averages;
  }
}
