/** Seeds a small retailer through the HTTP API (filled in with the inventory routes). */
export async function seedDemo(baseUrl: string, adminKey: string, log: (line: string) => void): Promise<void> {
  log(`demo data: nothing to seed yet at ${baseUrl} (${adminKey.length} char key)`);
}
