/**
 * Item names by 医保目录编码, remembered from what the cashier entered and what searches
 * returned. Fee lines on the wire carry codes only, so a bill rebuilt from the journal shows the
 * names known to this process (the code alone after a restart, until the item is seen again).
 */
export class ItemNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = 20_000) {}

  remember(code: string, name: string): void {
    if (!code || !name) return;
    this.names.delete(code);
    this.names.set(code, name);
    if (this.names.size > this.max) {
      const oldest = this.names.keys().next().value;
      if (oldest !== undefined) this.names.delete(oldest);
    }
  }

  nameOf(code: string): string {
    return this.names.get(code) ?? '';
  }
}
