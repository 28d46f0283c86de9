/** The bench's order ids: order n is merchant order `MOB…n` at ET as `ETB…n`. */
export const benchMerchantOrderId = (n: number) => `MOB${String(n).padStart(12, '0')}`;
export const benchEtOrderId = (n: number) => `ETB${String(n).padStart(12, '0')}`;
