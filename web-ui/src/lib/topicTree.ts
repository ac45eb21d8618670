// The broker's topics as a tree: every level a node; a topic keeps its last messages (for its page and plot), whether
// it holds a retained value, and every node the number of topics and messages below it. Built for many topics: adding
// a message and counting are O(levels), and search walks a flat index of the topics.

import type { Encoding } from './payload';

export interface TopicMessage {
  payload: string;
  encoding: Encoding;
  qos: number;
  /** When the page received it (ms since the epoch). */
  at: number;
  /** Came as a retained message (from the retained read, or flagged by the broker). */
  retained: boolean;
}

export interface TreeNode {
  name: string;
  path: string;
  children: Map<string, TreeNode>;
  /** Messages on exactly this topic since the page opened. */
  count: number;
  /** Messages on this topic and every topic below it. */
  total: number;
  /** Topics at and below this node. */
  topics: number;
  /** The last messages of this topic, oldest first (at most the tree's history limit). */
  history: TopicMessage[];
  /** The broker holds a retained value for this topic, as far as the page knows. */
  retained: boolean;
}

function node(name: string, path: string): TreeNode {
  return { name, path, children: new Map(), count: 0, total: 0, topics: 0, history: [], retained: false };
}

/** The most recent message of a topic node. */
export function last(n: TreeNode): TopicMessage | undefined {
  return n.history[n.history.length - 1];
}

export class TopicTree {
  readonly root: TreeNode = node('', '');
  private readonly index = new Map<string, TreeNode>();

  /** @param historyLimit messages kept per topic */
  constructor(private readonly historyLimit = 1000) {}

  /** Adds a message; an empty retained payload clears the topic's retained value (MQTT's rule). */
  add(topic: string, message: TopicMessage): TreeNode {
    const levels = topic.split('/');
    const isNew = !this.index.has(topic);
    const path: TreeNode[] = [this.root];
    let current = this.root;
    levels.forEach((level, i) => {
      let child = current.children.get(level);
      if (!child) {
        child = node(level, levels.slice(0, i + 1).join('/'));
        current.children.set(level, child);
      }
      current = child;
      path.push(child);
    });
    for (const n of path) {
      n.total++;
      if (isNew) n.topics++;
    }
    this.index.set(topic, current);
    current.count++;
    current.history.push(message);
    if (current.history.length > this.historyLimit) current.history.splice(0, current.history.length - this.historyLimit);
    if (message.retained) current.retained = message.payload !== '';
    return current;
  }

  /**
   * The broker holds a retained value for a topic already seen (the retained read found it after live messages
   * came): the history stays as it is, only the flag is set.
   */
  markRetained(topic: string): void {
    const n = this.index.get(topic);
    if (n) n.retained = true;
  }

  /** The topic's retained value was cleared (an empty retained message was published to it). */
  clearRetained(topic: string): void {
    const n = this.index.get(topic);
    if (n) n.retained = false;
  }

  /** The node of a topic or level, if seen. */
  find(path: string): TreeNode | undefined {
    let current: TreeNode | undefined = this.root;
    for (const level of path.split('/')) {
      current = current?.children.get(level);
    }
    return current;
  }

  /** Number of distinct topics seen. */
  topicCount(): number {
    return this.root.topics;
  }

  /** Topics whose name contains the text (case-insensitive), sorted, at most `limit`, and how many matched. */
  search(text: string, limit: number): { topics: TreeNode[]; matched: number } {
    const query = text.trim().toLowerCase();
    const found: TreeNode[] = [];
    for (const [topic, n] of this.index) {
      if (topic.toLowerCase().includes(query)) found.push(n);
    }
    found.sort((a, b) => a.path.localeCompare(b.path));
    return { topics: found.slice(0, limit), matched: found.length };
  }
}

/** Children sorted by name, for display. */
export function sortedChildren(n: TreeNode): TreeNode[] {
  return [...n.children.values()].sort((a, b) => a.name.localeCompare(b.name));
}
