// Generated from openapi.yaml by scripts/generate.ts. Do not edit; run `pnpm generate`.
import type { components } from './openapi.generated.js';
import type { OperationInfo, PayloadSchema } from './spec-types.js';

/** Every operation of `x-etkit-operations`: its server_type (null when it comes from the profile) and schemas. */
export const operations = {
  "createOrder": {
    "serverType": "add_special_rent_order",
    "serverTypeFromProfile": false,
    "summary": "Create an order",
    "kind": "write",
    "dataSchema": "EmptyData",
    "sensitiveSchema": "CreateOrderSensitive",
    "resultSchema": "CreateOrderResult",
    "resultIn": "data-or-sensitive",
    "fieldLimits": {
      "apartment_name": 200,
      "back_jump_url": 500,
      "city_name_ch": 200,
      "city_name_en": 200,
      "country_code": 5,
      "first_name_en": 50,
      "last_name_en": 50,
      "merchant_order_id": 50,
      "merchant_user_key": 200,
      "middle_name_en": 50,
      "name_ch": 20,
      "notify_url": 500,
      "school_name": 200,
      "status_change_notify_url": 500,
      "student_address": 300,
      "student_email": 50,
      "wechat_number": 100
    },
    "sensitiveFields": [
      "first_name_en",
      "last_name_en",
      "middle_name_en",
      "name_ch",
      "student_address",
      "student_email",
      "student_id_number",
      "student_mobile",
      "wechat_number"
    ],
    "decimalFields": [
      "merchant_service_fee",
      "order_tuition",
      "tuition",
      "tuituon"
    ],
    "resultDecimalFields": []
  },
  "uploadAttachment": {
    "serverType": "upload_attachment",
    "serverTypeFromProfile": false,
    "summary": "Upload an attachment to an order",
    "kind": "write",
    "dataSchema": "UploadAttachmentData",
    "sensitiveSchema": null,
    "resultSchema": "OpenResult",
    "resultIn": "data-or-sensitive",
    "fieldLimits": {
      "order_id": 30
    },
    "sensitiveFields": [
      "base64",
      "file_name"
    ],
    "decimalFields": [],
    "resultDecimalFields": []
  },
  "getPaymentUrl": {
    "serverType": "get_special_pay_url",
    "serverTypeFromProfile": false,
    "summary": "Get the payment URL of an order waiting for payment",
    "kind": "read",
    "dataSchema": "GetPaymentUrlData",
    "sensitiveSchema": null,
    "resultSchema": "GetPaymentUrlResult",
    "resultIn": "data-or-sensitive",
    "fieldLimits": {
      "appid": 100,
      "back_jump_url": 500,
      "back_page_url": 500,
      "merchant_user_key": 200,
      "notify_url": 500,
      "order_id": 30
    },
    "sensitiveFields": [],
    "decimalFields": [],
    "resultDecimalFields": []
  },
  "batchQueryOrders": {
    "serverType": "batch_special_query_order_info",
    "serverTypeFromProfile": false,
    "summary": "Query orders in batch; the records come back encrypted",
    "kind": "read",
    "dataSchema": "OpenPayload",
    "sensitiveSchema": "OpenPayload",
    "resultSchema": "OrderRecord",
    "resultIn": "sensitive",
    "fieldLimits": {},
    "sensitiveFields": [],
    "decimalFields": [],
    "resultDecimalFields": []
  },
  "getRate": {
    "serverType": "get_rate",
    "serverTypeFromProfile": false,
    "summary": "Get an exchange rate",
    "kind": "read",
    "dataSchema": "OpenPayload",
    "sensitiveSchema": "OpenPayload",
    "resultSchema": "RateRecord",
    "resultIn": "data-or-sensitive",
    "fieldLimits": {},
    "sensitiveFields": [],
    "decimalFields": [],
    "resultDecimalFields": []
  },
  "redirectOrder": {
    "serverType": "merchant_jump_place_order",
    "serverTypeFromProfile": false,
    "summary": "Place an order by redirecting the payer to ET (Chinese docs only)",
    "kind": "write",
    "dataSchema": "EmptyData",
    "sensitiveSchema": "RedirectOrderSensitive",
    "resultSchema": "OpenResult",
    "resultIn": "data-or-sensitive",
    "fieldLimits": {
      "apartment_name": 200,
      "city_name_ch": 200,
      "city_name_en": 200,
      "first_name_en": 50,
      "last_name_en": 50,
      "middle_name_en": 50,
      "name_ch": 20,
      "school_name": 200,
      "student_address": 300,
      "student_email": 50
    },
    "sensitiveFields": [
      "first_name_en",
      "last_name_en",
      "middle_name_en",
      "name_ch",
      "student_address",
      "student_email"
    ],
    "decimalFields": [],
    "resultDecimalFields": []
  },
  "estimateAmount": {
    "serverType": null,
    "serverTypeFromProfile": true,
    "summary": "Estimate the amount to pay (server_type UNKNOWN)",
    "kind": "read",
    "dataSchema": "OpenPayload",
    "sensitiveSchema": "OpenPayload",
    "resultSchema": "OpenResult",
    "resultIn": "data-or-sensitive",
    "fieldLimits": {},
    "sensitiveFields": [],
    "decimalFields": [],
    "resultDecimalFields": []
  },
  "applyRefund": {
    "serverType": null,
    "serverTypeFromProfile": true,
    "summary": "Apply for a refund (server_type UNKNOWN)",
    "kind": "write",
    "dataSchema": "OpenPayload",
    "sensitiveSchema": "OpenPayload",
    "resultSchema": "OpenResult",
    "resultIn": "data-or-sensitive",
    "fieldLimits": {},
    "sensitiveFields": [],
    "decimalFields": [],
    "resultDecimalFields": []
  }
} as const satisfies Record<string, OperationInfo>;

/** Operation names, e.g. `createOrder`. */
export type OperationName = keyof typeof operations;

/** Operations whose server_type the merchant's profile supplies (`profile.serverTypes`, keyed by these names). */
export type ProfileOperationName = {
  [N in OperationName]: (typeof operations)[N]['serverTypeFromProfile'] extends true ? N : never;
}[OperationName];

/** Every operation name, in the order of `x-etkit-operations`. */
export const operationNames = [
  "createOrder",
  "uploadAttachment",
  "getPaymentUrl",
  "batchQueryOrders",
  "getRate",
  "redirectOrder",
  "estimateAmount",
  "applyRefund"
] as const satisfies readonly OperationName[];

/** The operation of each documented server_type (operations whose server_type comes from the profile are not here). */
export const operationByServerType = {
  "add_special_rent_order": "createOrder",
  "upload_attachment": "uploadAttachment",
  "get_special_pay_url": "getPaymentUrl",
  "batch_special_query_order_info": "batchQueryOrders",
  "get_rate": "getRate",
  "merchant_jump_place_order": "redirectOrder"
} as const satisfies Record<string, OperationName>;

/** A server_type the provider documented, e.g. `get_rate`. */
export type DocumentedServerType = keyof typeof operationByServerType;

/** The decimal-amount rule of `DecimalAmount` (a plain decimal: no exponent, no leading zeros or `+`). */
export const decimalAmountPattern = "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$";

/** Decoded payload types of each operation (`never` where it has no sensitive payload). */
export interface OperationTypes {
  createOrder: {
    serverType: 'add_special_rent_order';
    data: components['schemas']['EmptyData'];
    sensitive: components['schemas']['CreateOrderSensitive'];
    result: components['schemas']['CreateOrderResult'];
  };
  uploadAttachment: {
    serverType: 'upload_attachment';
    data: components['schemas']['UploadAttachmentData'];
    sensitive: never;
    result: components['schemas']['OpenResult'];
  };
  getPaymentUrl: {
    serverType: 'get_special_pay_url';
    data: components['schemas']['GetPaymentUrlData'];
    sensitive: never;
    result: components['schemas']['GetPaymentUrlResult'];
  };
  batchQueryOrders: {
    serverType: 'batch_special_query_order_info';
    data: components['schemas']['OpenPayload'];
    sensitive: components['schemas']['OpenPayload'];
    result: components['schemas']['OrderRecord'];
  };
  getRate: {
    serverType: 'get_rate';
    data: components['schemas']['OpenPayload'];
    sensitive: components['schemas']['OpenPayload'];
    result: components['schemas']['RateRecord'];
  };
  redirectOrder: {
    serverType: 'merchant_jump_place_order';
    data: components['schemas']['EmptyData'];
    sensitive: components['schemas']['RedirectOrderSensitive'];
    result: components['schemas']['OpenResult'];
  };
  estimateAmount: {
    serverType: string;
    data: components['schemas']['OpenPayload'];
    sensitive: components['schemas']['OpenPayload'];
    result: components['schemas']['OpenResult'];
  };
  applyRefund: {
    serverType: string;
    data: components['schemas']['OpenPayload'];
    sensitive: components['schemas']['OpenPayload'];
    result: components['schemas']['OpenResult'];
  };
}

/** Field constraints of every payload schema of an operation (request data/sensitive and result items). */
export const payloadSchemas = {
  "EmptyData": {
    "required": [],
    "additionalProperties": true,
    "properties": {}
  },
  "CreateOrderResult": {
    "required": [],
    "additionalProperties": true,
    "properties": {
      "order_id": {
        "type": "string",
        "maxLength": 30
      }
    }
  },
  "CreateOrderSensitive": {
    "required": [
      "merchant_order_id"
    ],
    "additionalProperties": true,
    "properties": {
      "institution_code": {
        "type": "string"
      },
      "institution_name": {
        "type": "string"
      },
      "merchant_order_id": {
        "type": "string",
        "maxLength": 50
      },
      "merchant_user_key": {
        "type": "string",
        "maxLength": 200
      },
      "country_code": {
        "type": "string",
        "maxLength": 5
      },
      "currency_code": {
        "type": "string"
      },
      "source_country_code": {
        "type": "string"
      },
      "price_mode": {
        "type": "integer"
      },
      "tuituon": {
        "type": "decimal"
      },
      "tuition": {
        "type": "decimal"
      },
      "pay_currency_code": {
        "type": "string"
      },
      "merchant_service_fee": {
        "type": "decimal"
      },
      "merchant_service_fee_currency_code": {
        "type": "string"
      },
      "order_tuition": {
        "type": "decimal"
      },
      "first_name_en": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "middle_name_en": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "last_name_en": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "name_ch": {
        "type": "string",
        "maxLength": 20,
        "sensitive": true
      },
      "student_id_number": {
        "type": "string",
        "sensitive": true
      },
      "id_type": {
        "type": "integer"
      },
      "student_tel_code": {
        "type": "string"
      },
      "student_mobile": {
        "type": "string",
        "sensitive": true
      },
      "student_email": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "student_address": {
        "type": "string",
        "maxLength": 300,
        "sensitive": true
      },
      "school_name": {
        "type": "string",
        "maxLength": 200
      },
      "apartment_name": {
        "type": "string",
        "maxLength": 200
      },
      "city_name_en": {
        "type": "string",
        "maxLength": 200
      },
      "city_name_ch": {
        "type": "string",
        "maxLength": 200
      },
      "wechat_number": {
        "type": "string",
        "maxLength": 100,
        "sensitive": true
      },
      "fee_type_list": {
        "type": "array",
        "items": "FeeType"
      },
      "notify_url": {
        "type": "string",
        "maxLength": 500
      },
      "back_jump_url": {
        "type": "string",
        "maxLength": 500
      },
      "status_change_notify_url": {
        "type": "string",
        "maxLength": 500
      },
      "invoice_number": {
        "type": "string"
      }
    }
  },
  "UploadAttachmentData": {
    "required": [
      "order_id",
      "attachment_type",
      "base64",
      "file_name"
    ],
    "additionalProperties": true,
    "properties": {
      "order_id": {
        "type": "string",
        "maxLength": 30
      },
      "attachment_type": {
        "type": "integer",
        "enum": [
          1,
          2,
          3,
          4,
          5,
          6,
          7,
          164,
          170,
          171,
          172,
          178,
          250
        ]
      },
      "base64": {
        "type": "string",
        "sensitive": true
      },
      "file_name": {
        "type": "string",
        "sensitive": true
      }
    }
  },
  "OpenResult": {
    "required": [],
    "additionalProperties": true,
    "properties": {}
  },
  "GetPaymentUrlData": {
    "required": [
      "order_id"
    ],
    "additionalProperties": true,
    "properties": {
      "order_id": {
        "type": "string",
        "maxLength": 30
      },
      "merchant_user_key": {
        "type": "string",
        "maxLength": 200
      },
      "notify_url": {
        "type": "string",
        "maxLength": 500
      },
      "back_jump_url": {
        "type": "string",
        "maxLength": 500
      },
      "back_page_url": {
        "type": "string",
        "maxLength": 500
      },
      "appid": {
        "type": "string",
        "maxLength": 100
      }
    }
  },
  "GetPaymentUrlResult": {
    "required": [],
    "additionalProperties": true,
    "properties": {
      "pay_url": {
        "type": "string"
      }
    }
  },
  "OpenPayload": {
    "required": [],
    "additionalProperties": true,
    "properties": {}
  },
  "OrderRecord": {
    "required": [],
    "additionalProperties": true,
    "properties": {
      "order_id": {
        "type": "string"
      },
      "merchant_order_id": {
        "type": "string"
      },
      "order_status": {
        "type": "integer",
        "enum": [
          0,
          1,
          2,
          3,
          4,
          -1,
          -2,
          -3
        ]
      }
    }
  },
  "RateRecord": {
    "required": [],
    "additionalProperties": true,
    "properties": {}
  },
  "RedirectOrderSensitive": {
    "required": [],
    "additionalProperties": true,
    "properties": {
      "first_name_en": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "middle_name_en": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "last_name_en": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "name_ch": {
        "type": "string",
        "maxLength": 20,
        "sensitive": true
      },
      "student_email": {
        "type": "string",
        "maxLength": 50,
        "sensitive": true
      },
      "student_address": {
        "type": "string",
        "maxLength": 300,
        "sensitive": true
      },
      "school_name": {
        "type": "string",
        "maxLength": 200
      },
      "apartment_name": {
        "type": "string",
        "maxLength": 200
      },
      "city_name_en": {
        "type": "string",
        "maxLength": 200
      },
      "city_name_ch": {
        "type": "string",
        "maxLength": 200
      }
    }
  },
  "FeeType": {
    "required": [],
    "additionalProperties": true,
    "properties": {
      "fee_type": {
        "type": "integer"
      },
      "fee_type_desc": {
        "type": "string"
      }
    }
  }
} as const satisfies Record<string, PayloadSchema>;

/** Names of the schemas in `payloadSchemas`. */
export type PayloadSchemaName = keyof typeof payloadSchemas;

/** Field names marked `x-etkit-sensitive: true` anywhere in the document: personal data to redact. */
export const sensitiveFieldNames = [
  "base64",
  "file_name",
  "first_name_en",
  "last_name_en",
  "middle_name_en",
  "name_ch",
  "student_address",
  "student_email",
  "student_id_number",
  "student_mobile",
  "wechat_number"
] as const;

/** Envelope/notification fields marked `x-etkit-secret: true` (ciphertexts, wrapped keys, signatures). */
export const secretFieldNames = [
  "aeskey",
  "sensitive_data",
  "sign"
] as const;
