/** Reads the exchange rates file that settings name (reporting.exchangeRates.url). */
export interface RatesSource {
  fetch(url: string): Promise<string>;
}
