import type { SQSEvent } from 'aws-lambda';

let next = 0;

/** An SQS event as Lambda's event source mapping hands it to a handler: one record per body. */
export function sqsEvent(...bodies: unknown[]): SQSEvent {
  return {
    Records: bodies.map((body) => ({
      messageId: `m-${++next}`,
      receiptHandle: `r-${next}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:test',
      awsRegion: 'eu-west-1',
    })),
  };
}
