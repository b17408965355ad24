/** The texts Alibaba Cloud's SendSms stand-in accepted from the site (`scripts/test.sh` starts it
 * at ZIGE_STANDIN_SMS, and the site texts through it as it would through the gateway). */
export interface AcceptedText {
  phone: string;
  template: string;
  params: Record<string, string>;
  reference: string;
}

export async function textsAcceptedFor(phone: string): Promise<AcceptedText[]> {
  const address = process.env.ZIGE_STANDIN_SMS;
  if (!address) throw new Error('ZIGE_STANDIN_SMS is not set: run the browser tests with ./scripts/test.sh');
  const response = await fetch(`http://${address}/accepted`);
  const texts: AcceptedText[] = await response.json();
  return texts.filter((text) => text.phone === phone);
}
