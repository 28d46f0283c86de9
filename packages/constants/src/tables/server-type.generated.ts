// Generated from packages/openapi/openapi.yaml by packages/openapi/scripts/generate.ts. Do not edit; run `pnpm generate`.
/** The documented server_types with their labels, in the order of `x-etkit-operations` in openapi.yaml. */
export const serverTypeRows = [
  {
    "value": "add_special_rent_order",
    "en": "Create order",
    "zh": null
  },
  {
    "value": "upload_attachment",
    "en": "Upload attachment",
    "zh": null
  },
  {
    "value": "get_special_pay_url",
    "en": "Get payment URL",
    "zh": null
  },
  {
    "value": "batch_special_query_order_info",
    "en": "Batch query orders",
    "zh": null
  },
  {
    "value": "get_rate",
    "en": "Get exchange rate",
    "zh": null
  },
  {
    "value": "merchant_jump_place_order",
    "en": "Redirect-to-ET order (Chinese docs only)",
    "zh": null
  }
] as const;
