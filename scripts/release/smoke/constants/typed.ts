// Type-checked under node16 (as .mts and .cts) and bundler resolution; not run.
import {
  type InvalidConstantError,
  isKnownServerType,
  type OrderStatus,
  orderStatusLabel,
  parseOrderStatus,
  type ServerType,
} from '@etkit/constants';

const status: OrderStatus = parseOrderStatus('1');
const label: string = orderStatusLabel(status, 'zh');
const future: ServerType = 'an_operation_et_adds_later';
// @ts-expect-error 5 is not an order status: the table is complete
const notAStatus: OrderStatus = 5;
const wire = 'get_rate' as string;
const known: boolean = isKnownServerType(wire);
function codeOf(error: InvalidConstantError): 'INVALID_CONSTANT' {
  return error.code;
}

export { codeOf, future, known, label, notAStatus };
