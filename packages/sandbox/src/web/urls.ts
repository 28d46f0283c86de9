/** The sandbox's public addresses: `publicUrl`, else the address `listen` bound, else a placeholder. */
export class SandboxUrls {
  private bound: string | undefined;

  constructor(private readonly publicUrl: string | undefined) {}

  bind(url: string): void {
    this.bound = url;
  }

  base(): string {
    return (this.publicUrl ?? this.bound ?? 'http://127.0.0.1').replace(/\/+$/, '');
  }

  payUrl(orderId: string): string {
    return `${this.base()}/pay/${encodeURIComponent(orderId)}`;
  }

  voucherUrl(orderId: string): string {
    return `${this.base()}/vouchers/${encodeURIComponent(orderId)}.pdf`;
  }
}
