import { currencyDisplayName } from '@etkit/constants';
import type { SiteDisplay } from '../display/site-display.js';
import { formChoices, type OrderFormValues } from '../orders/order-form.js';
import { html } from './html.js';
import { layout } from './layout.js';

const option = (value: string, label: string, selected: string) =>
  html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;

export function newOrderPage(values: OrderFormValues, display: SiteDisplay, errors: readonly string[] = []): string {
  return layout(
    'New order',
    html`<h1>New order</h1>
${
  errors.length === 0
    ? ''
    : html`<div class="errors" role="alert"><p>Please correct the following:</p><ul>${errors.map((error) => html`<li>${error}</li>`)}</ul></div>`
}
<form class="order card" method="post" action="/orders">
  <label>Given name (Latin letters)<input name="studentFirstName" value="${values.studentFirstName}" required maxlength="50" autocomplete="off"></label>
  <label>Family name (Latin letters)<input name="studentLastName" value="${values.studentLastName}" required maxlength="50" autocomplete="off"></label>
  <label class="wide">Student email<input name="studentEmail" type="email" value="${values.studentEmail}" required maxlength="50" autocomplete="off"></label>
  <label>School<input name="schoolName" value="${values.schoolName}" required maxlength="200"></label>
  <label>Country<select name="countryCode">${formChoices.countries.map((entry) => option(entry.value, entry.en, values.countryCode))}</select></label>
  <label>Fee type<select name="feeType">${display.feeTypes.map((entry) => option(String(entry.value), entry.label, values.feeType))}</select></label>
  <label>Amount<input name="amount" value="${values.amount}" required inputmode="decimal" pattern="[0-9]{1,12}([.][0-9]{1,2})?" placeholder="12500.00"></label>
  <label>Currency<input name="currencyCode" value="${values.currencyCode}" required list="currencies" pattern="[A-Za-z]{3}" maxlength="3"></label>
  <datalist id="currencies">${formChoices.currencies.map((entry) => html`<option value="${entry.value}">${currencyDisplayName(entry.value) ?? entry.en}</option>`)}</datalist>
  <div class="wide"><button type="submit">Create order</button></div>
</form>`,
  );
}
