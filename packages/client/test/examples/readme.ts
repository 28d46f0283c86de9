// The README's example, type-checked by `pnpm typecheck` (not run: it talks to ET's test environment).
import { readFile } from 'node:fs/promises';
import { createClient, isEtkitClientError } from '@etkit/client';

export async function readmeExample(): Promise<void> {
  const et = createClient({
    environment: 'test', // https://testapi.easytransfer.cn/server; 'production' → https://api.easytransfer.cn/server
    merchantNumber: 'ET82009',
    subMerchantNumber: 'ET82009S001',
    keys: {
      merchantPrivateKey: await readFile('merchant-private.pem', 'utf8'), // PEM (PKCS#8 / PKCS#1) or bare base64 DER
      etPublicKey: await readFile('et-public.pem', 'utf8'),
    },
  });

  const order = await et.createOrder({
    merchant_order_id: 'M-2026-0001',
    merchant_user_key: 'user-42',
    country_code: 'GBR',
    currency_code: 'GBP',
    tuituon: '10000.00', // amounts are decimal strings; sent as the JSON number 10000.00, exactly
    name_ch: '王小明',
    student_email: 'xiaoming@example.com',
    fee_type_list: [{ fee_type: 7, fee_type_desc: '房租' }],
    notify_url: 'https://shop.example.com/et/notify',
  });

  try {
    const { payUrl } = await et.getPaymentUrl({ order_id: order.orderId! });
    console.log('send the payer to', payUrl);
  } catch (error) {
    if (isEtkitClientError(error, 'API_ERROR')) console.log(error.statusCode, error.explanation);
    else throw error;
  }
}
