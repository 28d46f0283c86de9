// Generated from @etkit/spec/constants.json by packages/constants/scripts/generate-tables.mjs.
// Do not edit; run `pnpm generate` in packages/constants.

/** `order_status` as @etkit/spec/constants.json gives it. */
export const orderStatusSpec = {
  "name": "order_status",
  "wireType": "int",
  "complete": true,
  "entries": [
    {
      "value": 0,
      "en": "Waiting for payment",
      "zh": null
    },
    {
      "value": 1,
      "en": "Payment successful",
      "zh": null
    },
    {
      "value": 2,
      "en": "Making a remittance",
      "zh": null
    },
    {
      "value": 3,
      "en": "Waiting for the recipient to receive the payment",
      "zh": null
    },
    {
      "value": 4,
      "en": "Order completed",
      "zh": null
    },
    {
      "value": -1,
      "en": "Order closed",
      "zh": null
    },
    {
      "value": -2,
      "en": "Refund completed",
      "zh": null
    },
    {
      "value": -3,
      "en": "Processing a refund",
      "zh": null
    }
  ]
} as const;

/** `status_code` as @etkit/spec/constants.json gives it. */
export const statusCodeSpec = {
  "name": "status_code",
  "wireType": "string",
  "complete": false,
  "entries": [
    {
      "value": "000000",
      "en": "Success",
      "zh": null
    },
    {
      "value": "200003",
      "en": "Payment URL requested for an order that is not waiting for payment",
      "zh": null
    }
  ]
} as const;

/** `attachment_type` as @etkit/spec/constants.json gives it. */
export const attachmentTypeSpec = {
  "name": "attachment_type",
  "wireType": "int",
  "complete": true,
  "entries": [
    {
      "value": 1,
      "en": "Student Offer Letter",
      "zh": null
    },
    {
      "value": 2,
      "en": "Contract",
      "zh": null
    },
    {
      "value": 3,
      "en": "Invoice / Bill",
      "zh": null
    },
    {
      "value": 4,
      "en": "Chinese National ID Card (Front)",
      "zh": null
    },
    {
      "value": 5,
      "en": "Chinese National ID Card (Back)",
      "zh": null
    },
    {
      "value": 6,
      "en": "Passport(Front)",
      "zh": null
    },
    {
      "value": 7,
      "en": "Passport(Back)",
      "zh": null
    },
    {
      "value": 164,
      "en": "Student Selfie Photo",
      "zh": null
    },
    {
      "value": 170,
      "en": "Indian AADHAAR Card(Front)",
      "zh": null
    },
    {
      "value": 178,
      "en": "Indian AADHAAR Card(Back)",
      "zh": null
    },
    {
      "value": 171,
      "en": "Indian PAN Card",
      "zh": null
    },
    {
      "value": 172,
      "en": "Indian Loan Sanction Letter",
      "zh": null
    },
    {
      "value": 250,
      "en": "Indian Loan Disbursement Letter",
      "zh": null
    }
  ]
} as const;

/** `country_code` as @etkit/spec/constants.json gives it. */
export const countryCodeSpec = {
  "name": "country_code",
  "wireType": "string",
  "complete": false,
  "entries": [
    {
      "value": "GBR",
      "en": "The United Kingdom",
      "zh": null
    },
    {
      "value": "USA",
      "en": "America",
      "zh": null
    },
    {
      "value": "ESP",
      "en": "Spain",
      "zh": null
    },
    {
      "value": "SWE",
      "en": "Sweden",
      "zh": null
    },
    {
      "value": "CAN",
      "en": "Canada",
      "zh": null
    },
    {
      "value": "PRT",
      "en": "Portugal",
      "zh": null
    },
    {
      "value": "AUS",
      "en": "Australia",
      "zh": null
    },
    {
      "value": "JPN",
      "en": "Japan",
      "zh": null
    },
    {
      "value": "DEU",
      "en": "Germany",
      "zh": null
    },
    {
      "value": "DNK",
      "en": "Denmark",
      "zh": null
    },
    {
      "value": "FRA",
      "en": "France",
      "zh": null
    },
    {
      "value": "NLD",
      "en": "Netherlands",
      "zh": null
    },
    {
      "value": "HKG",
      "en": "Hong Kong, China, SAR",
      "zh": null
    },
    {
      "value": "ITA",
      "en": "Italy",
      "zh": null
    },
    {
      "value": "CHE",
      "en": "Switzerland",
      "zh": null
    },
    {
      "value": "HUN",
      "en": "Hungary",
      "zh": null
    },
    {
      "value": "SGP",
      "en": "Singapore",
      "zh": null
    },
    {
      "value": "IRL",
      "en": "Ireland",
      "zh": null
    },
    {
      "value": "FIN",
      "en": "Finland",
      "zh": null
    },
    {
      "value": "KOR",
      "en": "Republic of Korea",
      "zh": null
    },
    {
      "value": "NZL",
      "en": "New Zealand",
      "zh": null
    },
    {
      "value": "BEL",
      "en": "The Kingdom Of Belgium",
      "zh": null
    },
    {
      "value": "THA",
      "en": "Thailand",
      "zh": null
    },
    {
      "value": "MYS",
      "en": "Malaysia",
      "zh": null
    },
    {
      "value": "TWN",
      "en": "Taiwan China",
      "zh": null
    },
    {
      "value": "LTU",
      "en": "Republic of Lithuania",
      "zh": null
    },
    {
      "value": "MAC",
      "en": "Macao China SAR",
      "zh": null
    },
    {
      "value": "CHN",
      "en": "China",
      "zh": null
    },
    {
      "value": "JOR",
      "en": "The Hashemite Kingdom of Jordan",
      "zh": null
    },
    {
      "value": "MLT",
      "en": "Malta",
      "zh": null
    },
    {
      "value": "POL",
      "en": "Poland",
      "zh": null
    },
    {
      "value": "AUT",
      "en": "Austria",
      "zh": null
    },
    {
      "value": "VNM",
      "en": "Vietnam",
      "zh": null
    },
    {
      "value": "CZE",
      "en": "Czech Republic",
      "zh": null
    },
    {
      "value": "EST",
      "en": "Estonia",
      "zh": null
    },
    {
      "value": "ARE",
      "en": "United Arab Emirates",
      "zh": null
    },
    {
      "value": "CYP",
      "en": "Cyprus",
      "zh": null
    },
    {
      "value": "LUX",
      "en": "Luxembourg",
      "zh": null
    }
  ]
} as const;

/** `currency_code` as @etkit/spec/constants.json gives it. */
export const currencyCodeSpec = {
  "name": "currency_code",
  "wireType": "string",
  "complete": false,
  "entries": [
    {
      "value": "RMB",
      "en": "Renminbi (provider's default payment currency)",
      "zh": null
    },
    {
      "value": "GBP",
      "en": "Pound sterling",
      "zh": null
    }
  ]
} as const;

/** `fee_type` as @etkit/spec/constants.json gives it. */
export const feeTypeSpec = {
  "name": "fee_type",
  "wireType": "int",
  "complete": false,
  "entries": [
    {
      "value": 7,
      "en": "Rent",
      "zh": "房租"
    }
  ]
} as const;

/** `callback_process` as @etkit/spec/constants.json gives it. */
export const callbackProcessSpec = {
  "name": "callback_process",
  "wireType": "int",
  "complete": true,
  "entries": [
    {
      "value": 0,
      "en": "No special treatment",
      "zh": null
    },
    {
      "value": 1,
      "en": "Special treatment (arranged with ET)",
      "zh": null
    }
  ]
} as const;

/** `pay_result` as @etkit/spec/constants.json gives it. */
export const payResultSpec = {
  "name": "pay_result",
  "wireType": "int",
  "complete": true,
  "entries": [
    {
      "value": 1,
      "en": "Payment successful",
      "zh": null
    },
    {
      "value": 0,
      "en": "Payment failed",
      "zh": null
    }
  ]
} as const;

/** `refund_result` as @etkit/spec/constants.json gives it. */
export const refundResultSpec = {
  "name": "refund_result",
  "wireType": "int",
  "complete": true,
  "entries": [
    {
      "value": 1,
      "en": "Refund successful",
      "zh": null
    },
    {
      "value": 0,
      "en": "Refund failed",
      "zh": null
    }
  ]
} as const;

/** `notify_type` as @etkit/spec/constants.json gives it. */
export const notifyTypeSpec = {
  "name": "notify_type",
  "wireType": "string",
  "complete": false,
  "entries": [
    {
      "value": "order_status_change",
      "en": "Order status change",
      "zh": null
    }
  ]
} as const;

/** `notify_result` as @etkit/spec/constants.json gives it. */
export const notifyResultSpec = {
  "name": "notify_result",
  "wireType": "string",
  "complete": true,
  "entries": [
    {
      "value": "OK",
      "en": "Received; stop resending",
      "zh": null
    }
  ]
} as const;

/** `id_type` as @etkit/spec/constants.json gives it. */
export const idTypeSpec = {
  "name": "id_type",
  "wireType": "int",
  "complete": false,
  "entries": []
} as const;

/** `gender` as @etkit/spec/constants.json gives it. */
export const genderSpec = {
  "name": "gender",
  "wireType": "unknown",
  "complete": false,
  "entries": []
} as const;

/** `pay_type` as @etkit/spec/constants.json gives it. */
export const payTypeSpec = {
  "name": "pay_type",
  "wireType": "unknown",
  "complete": false,
  "entries": []
} as const;

/** `price_mode` as @etkit/spec/constants.json gives it. */
export const priceModeSpec = {
  "name": "price_mode",
  "wireType": "int",
  "complete": false,
  "entries": []
} as const;

/** `funding_source` as @etkit/spec/constants.json gives it. */
export const fundingSourceSpec = {
  "name": "funding_source",
  "wireType": "unknown",
  "complete": false,
  "entries": []
} as const;

/** `payer_relationship` as @etkit/spec/constants.json gives it. */
export const payerRelationshipSpec = {
  "name": "payer_relationship",
  "wireType": "unknown",
  "complete": false,
  "entries": []
} as const;
