/**
 * Admits work while fewer than `concurrency` tasks run and their buffered bytes fit `budgetBytes`
 * (one oversized task may run alone), so a producer can pause its source instead of buffering without bound.
 */
export class UploadGate {
  private running = 0;
  private buffered = 0;
  private readonly waiters: Array<{ bytes: number; resolve: () => void }> = [];

  constructor(
    private readonly concurrency: number,
    private readonly budgetBytes: number,
  ) {}

  async acquire(bytes: number): Promise<void> {
    if (this.fits(bytes) && this.waiters.length === 0) return this.take(bytes);
    await new Promise<void>((resolve) => this.waiters.push({ bytes, resolve }));
  }

  release(bytes: number): void {
    this.running -= 1;
    this.buffered -= bytes;
    while (this.waiters.length > 0 && this.fits(this.waiters[0]?.bytes ?? 0)) {
      const next = this.waiters.shift();
      if (!next) break;
      this.take(next.bytes);
      next.resolve();
    }
  }

  private fits(bytes: number): boolean {
    return (
      this.running < this.concurrency && (this.running === 0 || this.buffered + bytes <= this.budgetBytes)
    );
  }

  private take(bytes: number): void {
    this.running += 1;
    this.buffered += bytes;
  }
}
