// Generated from openapi.yaml by scripts/generate.ts. Do not edit; run `pnpm generate`.
export interface paths {
    "/server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call any operation; `server_type` in the body selects it
         * @description The request body is a sealed envelope (PROTOCOL.md §2, §5): `sensitive_data` encrypted with a fresh AES key,
         *     `aeskey` wrapped with ET's public key, `sign` computed over every other field with the merchant's private
         *     key. The response is a sealed envelope the other way round (§3, §6): verify `sign` with ET's public key,
         *     then decrypt. `status_code` other than `000000` is a business error.
         */
        post: operations["callServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    paymentResult: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Payment result, sent to the order's `notify_url` (PROTOCOL.md §8)
         * @description Arrives at once for online payments, 1–2 days later for offline bank transfers. Until acknowledged, ET
         *     resends after 1 min, 5 min, 10 min, 30 min, 1 h and 2 h: 7 deliveries in all (PROTOCOL.md §8).
         */
        post: operations["paymentResultNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    orderStatusChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Order status change, sent to the order's `status_change_notify_url` */
        post: operations["orderStatusChangeNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    remittanceVoucher: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remittance voucher ready, sent to the merchant's configured notification URL */
        post: operations["remittanceVoucherNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    refundResult: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund result, sent to the merchant's configured notification URL */
        post: operations["refundResultNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description Fields every request envelope carries (PROTOCOL.md §2). */
        EnvelopeCommon: {
            /**
             * @description Unique per request; `yyyyMMddHHmmss` (UTC+8) + 6 random digits + merchant number (§4).
             * @example 20231204204337871860ET82009
             */
            serial_number: string;
            /** @example ET82009 */
            merchant_number: string;
            /** @example ET82009S001 */
            sub_merchant_number: string;
            server_type: components["schemas"]["ServerType"];
            /** @example 2.0.0 */
            version: string;
            /**
             * @description 0 no / 1 yes "special treatment", arranged with ET.
             * @default 0
             * @enum {integer}
             */
            callback_process: 0 | 1;
            /**
             * @description JSON text of the operation's plaintext fields; `{}` when none.
             * @default {}
             */
            data: string;
            /** @description Base64 AES-128-CBC ciphertext (key = IV) of the JSON text of the sensitive fields; `""` when none. */
            sensitive_data?: string;
            /** @description The AES key wrapped with ET's RSA public key; `""` when nothing is encrypted. */
            aeskey?: string;
            /** @description RSA signature over the canonical string of every other field (§5.3). */
            sign: string;
            /** @default  */
            extend_info: string;
            /**
             * @description Echoed back unchanged in the response.
             * @default
             */
            return_info: string;
        };
        /**
         * @description The sealed request: an operation whose `server_type` is documented (selected by the discriminator), or
         *     one whose `server_type` comes from the merchant's profile.
         */
        RequestEnvelope: components["schemas"]["KnownRequestEnvelope"] | components["schemas"]["ProfileServerTypeEnvelope"];
        /** @description One envelope schema per documented operation, selected by `server_type`. */
        KnownRequestEnvelope: components["schemas"]["CreateOrderEnvelope"] | components["schemas"]["UploadAttachmentEnvelope"] | components["schemas"]["GetPaymentUrlEnvelope"] | components["schemas"]["BatchQueryOrdersEnvelope"] | components["schemas"]["GetRateEnvelope"] | components["schemas"]["RedirectOrderEnvelope"];
        CreateOrderEnvelope: components["schemas"]["EnvelopeCommon"] & {
            /** @constant */
            server_type?: "add_special_rent_order";
            /** @constant */
            data?: "{}";
            sensitive_data?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            server_type: "add_special_rent_order";
        };
        UploadAttachmentEnvelope: components["schemas"]["EnvelopeCommon"] & {
            /** @constant */
            server_type?: "upload_attachment";
            data?: string;
            /** @constant */
            sensitive_data?: "";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            server_type: "upload_attachment";
        };
        GetPaymentUrlEnvelope: components["schemas"]["EnvelopeCommon"] & {
            /** @constant */
            server_type?: "get_special_pay_url";
            data?: string;
            /** @constant */
            sensitive_data?: "";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            server_type: "get_special_pay_url";
        };
        BatchQueryOrdersEnvelope: components["schemas"]["EnvelopeCommon"] & {
            /** @constant */
            server_type?: "batch_special_query_order_info";
            data?: string;
            sensitive_data?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            server_type: "batch_special_query_order_info";
        };
        GetRateEnvelope: components["schemas"]["EnvelopeCommon"] & {
            /** @constant */
            server_type?: "get_rate";
            data?: string;
            sensitive_data?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            server_type: "get_rate";
        };
        RedirectOrderEnvelope: components["schemas"]["EnvelopeCommon"] & {
            /** @constant */
            server_type?: "merchant_jump_place_order";
            data?: string;
            sensitive_data?: string;
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            server_type: "merchant_jump_place_order";
        };
        ProfileServerTypeEnvelope: components["schemas"]["EnvelopeCommon"] & {
            server_type?: string;
            data?: string;
            sensitive_data?: string;
        };
        /** @description The sealed response (PROTOCOL.md §3). Verify `sign` before reading anything else. */
        ResponseEnvelope: {
            status_code: components["schemas"]["StatusCode"];
            /** @example SUCCESS */
            message?: string;
            /**
             * @description Number of items in the `data` list (PROTOCOL.md §3 [doc]; the provider's sample has `count: 0` beside an
             *     encrypted `sensitive_data`). The shared vectors count the encrypted list instead: do not rely on `count`
             *     for encrypted records.
             */
            count?: number;
            /** @description JSON text of a list, e.g. `[]`; items per operation (`x-etkit-operations.*.result`). */
            data?: string;
            /** @description Base64 ciphertext of a JSON list, or `""`/`[]` when none. */
            sensitive_data?: string;
            /** @description AES key wrapped with the merchant's public key; `""` when nothing is encrypted. */
            aeskey?: string;
            /** @description ET's RSA signature (§5.3). Absent only on some error bodies. */
            sign?: string;
            return_info?: string;
            extend_info?: string;
            version?: string;
        };
        /** @description Operation name. Known values listed; the table is incomplete, so any string is accepted. */
        ServerType: string | ("add_special_rent_order" | "upload_attachment" | "get_special_pay_url" | "batch_special_query_order_info" | "get_rate" | "merchant_jump_place_order");
        /**
         * @description `000000` success; anything else is a business error (`200003`: payment URL requested for an order that is not waiting for payment). Incomplete table.
         * @example 000000
         * @example 200003
         */
        StatusCode: string;
        /**
         * @description A decimal amount written as a string (`10000.00`), never a binary float. In request payloads ET's field
         *     is a JSON number: SDKs write the number whose value is exactly this decimal and refuse decimals a JSON
         *     number cannot carry exactly.
         * @example 10000.00
         * @example 130
         */
        DecimalAmount: string;
        /**
         * @description 0 waiting for payment, 1 paid, 2 remitting, 3 waiting for the recipient, 4 completed, -1 closed, -2 refunded, -3 refunding.
         * @enum {integer}
         */
        OrderStatus: 0 | 1 | 2 | 3 | 4 | -1 | -2 | -3;
        /**
         * @description 1 offer letter, 2 contract, 3 invoice/bill, 4/5 Chinese ID card front/back, 6/7 passport front/back, 164 selfie, 170/178 AADHAAR front/back, 171 PAN card, 172 loan sanction letter, 250 loan disbursement letter.
         * @enum {integer}
         */
        AttachmentType: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 164 | 170 | 171 | 172 | 178 | 250;
        FeeType: {
            /** @description Payment purpose (7 = rent; table incomplete). */
            fee_type?: number;
            /** @example 房租 */
            fee_type_desc?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description This operation sends every field in `sensitive_data`; `data` is `{}`. */
        EmptyData: {
            [key: string]: unknown;
        };
        /** @description Fields UNKNOWN in the provider's public documentation; passed through as given. */
        OpenPayload: {
            [key: string]: unknown;
        };
        /** @description Response item whose fields are UNKNOWN; passed through (numbers as their exact wire text). */
        OpenResult: {
            [key: string]: unknown;
        };
        /**
         * @description `add_special_rent_order`: every business field travels encrypted in `sensitive_data`. The provider did not
         *     publish which fields are required; etkit requires `merchant_order_id`, the merchant-side handle used to
         *     reconcile an order whose creation outcome is unknown. Unpaid orders close after 7 days.
         */
        CreateOrderSensitive: {
            institution_code?: string;
            /** @description Institution or apartment name. */
            institution_name?: string;
            /** @description The merchant's own order number. */
            merchant_order_id: string;
            /** @description The merchant's unique key for the payer. */
            merchant_user_key?: string;
            /** @description Country of the institution (ISO 3166-1 alpha-3 style, e.g. `GBR`). */
            country_code?: string;
            /** @description Order currency (e.g. `GBP`). */
            currency_code?: string;
            source_country_code?: string;
            /** @description Pricing model; values UNKNOWN. */
            price_mode?: number;
            /** @description Tuition in the order currency. The wire name really is `tuituon`; the provider's worked example sends `tuition` (profile option `tuitionFieldName`). */
            tuituon?: components["schemas"]["DecimalAmount"];
            /** @description Spelling used by the provider's worked example; SDKs send the profile's spelling. */
            tuition?: components["schemas"]["DecimalAmount"];
            pay_currency_code?: string;
            merchant_service_fee?: components["schemas"]["DecimalAmount"];
            merchant_service_fee_currency_code?: string;
            order_tuition?: components["schemas"]["DecimalAmount"];
            first_name_en?: string;
            middle_name_en?: string;
            last_name_en?: string;
            name_ch?: string;
            /** @description Student's ID document number. */
            student_id_number?: string;
            /** @description ID document type (table UNKNOWN). */
            id_type?: number;
            /** @description Phone country code. */
            student_tel_code?: string;
            student_mobile?: string;
            student_email?: string;
            student_address?: string;
            school_name?: string;
            apartment_name?: string;
            city_name_en?: string;
            city_name_ch?: string;
            wechat_number?: string;
            fee_type_list?: components["schemas"]["FeeType"][];
            notify_url?: string;
            back_jump_url?: string;
            /** @description Added in V3.1.1. */
            status_change_notify_url?: string;
            /** @description Added in V3.1.1. */
            invoice_number?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Response fields UNKNOWN; the new ET order id is expected. */
        CreateOrderResult: {
            /** @description ET order id. */
            order_id?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description `merchant_jump_place_order` (Chinese docs only): fields travel in `sensitive_data`. Only the fields whose
         *     limits the docs showed are typed; everything else passes through.
         */
        RedirectOrderSensitive: {
            first_name_en?: string;
            middle_name_en?: string;
            last_name_en?: string;
            name_ch?: string;
            student_email?: string;
            student_address?: string;
            school_name?: string;
            apartment_name?: string;
            city_name_en?: string;
            city_name_ch?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description `upload_attachment`: plaintext `data`; at most 5 attachments per attachment type per order. */
        UploadAttachmentData: {
            /** @description ET order id. */
            order_id: string;
            attachment_type: components["schemas"]["AttachmentType"];
            /** @description The file's bytes (passport scans, ID cards…). */
            base64: string;
            file_name: string;
        } & {
            [key: string]: unknown;
        };
        /** @description `get_special_pay_url`: only while the order waits for payment, else status `200003`. */
        GetPaymentUrlData: {
            order_id: string;
            merchant_user_key?: string;
            notify_url?: string;
            back_jump_url?: string;
            back_page_url?: string;
            /** @description The merchant's WeChat mini-program appid, when paying inside one. */
            appid?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The field carrying the URL is UNKNOWN; `pay_url` is the likely name. Read it tolerantly. */
        GetPaymentUrlResult: {
            pay_url?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description An order record, decrypted from the response's `sensitive_data`. Amount field names UNKNOWN. */
        OrderRecord: {
            order_id?: string;
            merchant_order_id?: string;
            order_status?: components["schemas"]["OrderStatus"];
        } & {
            [key: string]: unknown;
        };
        /** @description Fields UNKNOWN. Rates are decimals; numbers are handed over as their exact wire text. */
        RateRecord: {
            [key: string]: unknown;
        };
        /**
         * @description `required` lists what @etkit/notify needs to read this kind (etkit's choice: PROTOCOL.md §8 names the
         *     fields without required flags). A verified notification missing one is refused as MALFORMED, and its
         *     fields are handed to the receiver's onError as `verifiedFields`, unless a value holds `&` (the signed string
         *     joins fields unescaped, so other splits fit the same `sign`).
         */
        PaymentResultNotification: {
            order_id: string;
            /** @description 1 success / 0 failure. Text in form bodies; a JSON body may carry the bare number (vectors.json). */
            pay_result: ("1" | "0") | (1 | 0);
            /**
             * @description Decimal amount (`10000.00`). Text in form bodies; a JSON body may carry a bare JSON number, and the
             *     signature covers its exact source text (`10000.00`, never `10000`) (§8, vectors.json).
             */
            pay_amount: components["schemas"]["DecimalAmount"] | number;
            /** @default RMB */
            pay_currency_code: string;
            /** @description `YYYY-MM-DD HH:mm:ss`, Beijing time. */
            pay_datetime: string;
            extend_info?: string;
            /** @description Lowercase hex MD5 of salt + sorted `name=value&…` (§8). */
            sign: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description `required` lists what @etkit/notify needs to read this kind (etkit's choice: PROTOCOL.md §8 names the
         *     fields without required flags). A verified notification missing one is refused as MALFORMED, and its
         *     fields are handed to the receiver's onError as `verifiedFields`, unless a value holds `&` (the signed string
         *     joins fields unescaped, so other splits fit the same `sign`).
         */
        OrderStatusChangeNotification: {
            /** @constant */
            notify_type: "order_status_change";
            order_id: string;
            datetime: string;
            /**
             * @description The order status as a numeric string (e.g. `"1"`).
             * @example 1
             */
            order_status: string;
            sign: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description `required` lists what @etkit/notify needs to read this kind (etkit's choice: PROTOCOL.md §8 names the
         *     fields without required flags). A verified notification missing one is refused as MALFORMED, and its
         *     fields are handed to the receiver's onError as `verifiedFields`, unless a value holds `&` (the signed string
         *     joins fields unescaped, so other splits fit the same `sign`).
         */
        RemittanceVoucherNotification: {
            order_id: string;
            /** @description A PDF to download. */
            remittance_voucher_url: string;
            extend_info?: string;
            sign: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description `required` lists what @etkit/notify needs to read this kind (etkit's choice: PROTOCOL.md §8 names the
         *     fields without required flags). A verified notification missing one is refused as MALFORMED, and its
         *     fields are handed to the receiver's onError as `verifiedFields`, unless a value holds `&` (the signed string
         *     joins fields unescaped, so other splits fit the same `sign`).
         */
        RefundResultNotification: {
            order_id: string;
            /** @description The merchant's refund id, or the ET order id in the provider's "second mode". */
            refund_order_id: string;
            /** @description 1 success / 0 failure; as `pay_result`, text or (in a JSON body) a bare number. */
            refund_result: ("1" | "0") | (1 | 0);
            /** @description Decimal amount; as `pay_amount`, text or (in a JSON body) a bare number whose source text is signed. */
            refund_amount: components["schemas"]["DecimalAmount"] | number;
            refund_datetime: string;
            extend_info?: string;
            sign: string;
        } & {
            [key: string]: unknown;
        };
        NotificationAck: {
            /** @constant */
            notify_result: "OK";
        };
        RefundNotificationAck: {
            order_id: string;
            /** @constant */
            notify_result: "OK";
            /** @description MD5 with the salt over `notify_result` and `order_id` (§8). */
            sign: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type SchemaEnvelopeCommon = components['schemas']['EnvelopeCommon'];
export type SchemaRequestEnvelope = components['schemas']['RequestEnvelope'];
export type SchemaKnownRequestEnvelope = components['schemas']['KnownRequestEnvelope'];
export type SchemaCreateOrderEnvelope = components['schemas']['CreateOrderEnvelope'];
export type SchemaUploadAttachmentEnvelope = components['schemas']['UploadAttachmentEnvelope'];
export type SchemaGetPaymentUrlEnvelope = components['schemas']['GetPaymentUrlEnvelope'];
export type SchemaBatchQueryOrdersEnvelope = components['schemas']['BatchQueryOrdersEnvelope'];
export type SchemaGetRateEnvelope = components['schemas']['GetRateEnvelope'];
export type SchemaRedirectOrderEnvelope = components['schemas']['RedirectOrderEnvelope'];
export type SchemaProfileServerTypeEnvelope = components['schemas']['ProfileServerTypeEnvelope'];
export type SchemaResponseEnvelope = components['schemas']['ResponseEnvelope'];
export type SchemaServerType = components['schemas']['ServerType'];
export type SchemaStatusCode = components['schemas']['StatusCode'];
export type SchemaDecimalAmount = components['schemas']['DecimalAmount'];
export type SchemaOrderStatus = components['schemas']['OrderStatus'];
export type SchemaAttachmentType = components['schemas']['AttachmentType'];
export type SchemaFeeType = components['schemas']['FeeType'];
export type SchemaEmptyData = components['schemas']['EmptyData'];
export type SchemaOpenPayload = components['schemas']['OpenPayload'];
export type SchemaOpenResult = components['schemas']['OpenResult'];
export type SchemaCreateOrderSensitive = components['schemas']['CreateOrderSensitive'];
export type SchemaCreateOrderResult = components['schemas']['CreateOrderResult'];
export type SchemaRedirectOrderSensitive = components['schemas']['RedirectOrderSensitive'];
export type SchemaUploadAttachmentData = components['schemas']['UploadAttachmentData'];
export type SchemaGetPaymentUrlData = components['schemas']['GetPaymentUrlData'];
export type SchemaGetPaymentUrlResult = components['schemas']['GetPaymentUrlResult'];
export type SchemaOrderRecord = components['schemas']['OrderRecord'];
export type SchemaRateRecord = components['schemas']['RateRecord'];
export type SchemaPaymentResultNotification = components['schemas']['PaymentResultNotification'];
export type SchemaOrderStatusChangeNotification = components['schemas']['OrderStatusChangeNotification'];
export type SchemaRemittanceVoucherNotification = components['schemas']['RemittanceVoucherNotification'];
export type SchemaRefundResultNotification = components['schemas']['RefundResultNotification'];
export type SchemaNotificationAck = components['schemas']['NotificationAck'];
export type SchemaRefundNotificationAck = components['schemas']['RefundNotificationAck'];
export type $defs = Record<string, never>;
export interface operations {
    callServer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestEnvelope"];
            };
        };
        responses: {
            /**
             * @description A sealed response envelope; a business error is `status_code` other than `000000` inside it (PROTOCOL.md
             *     §3). The provider's docs do not say which HTTP status carries a business error; etkit expects a 2xx
             *     status with an envelope for both.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResponseEnvelope"];
                };
            };
            /**
             * @description Not part of ET's documented protocol; a gateway may answer so. etkit treats the body as not an envelope
             *     and reports a transport error.
             */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description A gateway or server failure (not part of ET's documented protocol); etkit treats the body as not an
             *     envelope. Whether the request was acted on is unknown, so SDKs retry reads only.
             */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    paymentResultNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["PaymentResultNotification"];
                "multipart/form-data": components["schemas"]["PaymentResultNotification"];
                "application/json": components["schemas"]["PaymentResultNotification"];
            };
        };
        responses: {
            /** @description Acknowledgement; anything else makes ET resend. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationAck"];
                };
            };
        };
    };
    orderStatusChangeNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["OrderStatusChangeNotification"];
                "multipart/form-data": components["schemas"]["OrderStatusChangeNotification"];
                "application/json": components["schemas"]["OrderStatusChangeNotification"];
            };
        };
        responses: {
            /** @description Acknowledgement. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationAck"];
                };
            };
        };
    };
    remittanceVoucherNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["RemittanceVoucherNotification"];
                "multipart/form-data": components["schemas"]["RemittanceVoucherNotification"];
                "application/json": components["schemas"]["RemittanceVoucherNotification"];
            };
        };
        responses: {
            /** @description Acknowledgement. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationAck"];
                };
            };
        };
    };
    refundResultNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["RefundResultNotification"];
                "multipart/form-data": components["schemas"]["RefundResultNotification"];
                "application/json": components["schemas"]["RefundResultNotification"];
            };
        };
        responses: {
            /** @description Signed acknowledgement carrying `order_id` (PROTOCOL.md §8). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefundNotificationAck"];
                };
            };
        };
    };
}
