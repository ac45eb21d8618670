// Publish view: a form checked before sending (empty topic, wildcards, $ topics), then the gateway's answer as is.

import { publish } from '../lib/gateway';
import { topicError } from '../lib/topics';
import { byId } from './dom';

export class PublishView {
  constructor(private readonly apiKey: () => string) {
    const form = byId<HTMLFormElement>('publish-form');
    const topic = byId<HTMLInputElement>('publish-topic');
    const error = byId<HTMLParagraphElement>('publish-error');
    const result = byId<HTMLParagraphElement>('publish-result');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      result.textContent = '';
      const problem = topicError(topic.value);
      error.textContent = problem ?? '';
      topic.setAttribute('aria-invalid', String(problem !== null));
      if (problem !== null) {
        topic.focus();
        return;
      }
      const outcome = await publish({
        topic: topic.value,
        payload: byId<HTMLTextAreaElement>('publish-payload').value,
        qos: Number(byId<HTMLSelectElement>('publish-qos').value) as 0 | 1 | 2,
        retain: byId<HTMLInputElement>('publish-retain').checked,
      }, this.apiKey());
      result.textContent = outcome.message;
      result.className = outcome.ok ? 'ok' : 'error';
    });
  }
}
