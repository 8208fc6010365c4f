/** Stock counts uploaded as CSV (locationId,sku,onHand[,safetyStock]), with a result per row. */
export const StockUpload = () => <h1>Stock upload</h1>;
