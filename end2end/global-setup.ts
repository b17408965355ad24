// `cargo leptos end-to-end` starts the server and the tests at the same moment; wait until the
// server answers before any test runs.
export default async function globalSetup(): Promise<void> {
  const url = 'http://127.0.0.1:3000/health';
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer at ${url} within 180 s`);
}
