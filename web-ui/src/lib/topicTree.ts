// The topics seen so far as a tree: every level a node, with the last value and message count of the topic that
// ends there and the total of everything below it.

export interface TreeNode {
  name: string;
  path: string;
  children: Map<string, TreeNode>;
  /** Messages on exactly this topic. */
  count: number;
  /** Messages on this topic and every topic below it. */
  total: number;
  last?: string;
  lastAt?: number;
}

function node(name: string, path: string): TreeNode {
  return { name, path, children: new Map(), count: 0, total: 0 };
}

export class TopicTree {
  readonly root: TreeNode = node('', '');

  add(topic: string, lastValue: string, at: number): TreeNode {
    let current = this.root;
    current.total++;
    const levels = topic.split('/');
    levels.forEach((level, i) => {
      let child = current.children.get(level);
      if (!child) {
        child = node(level, levels.slice(0, i + 1).join('/'));
        current.children.set(level, child);
      }
      child.total++;
      current = child;
    });
    current.count++;
    current.last = lastValue;
    current.lastAt = at;
    return current;
  }

  /** The node of a topic, if it was seen. */
  find(topic: string): TreeNode | undefined {
    let current: TreeNode | undefined = this.root;
    for (const level of topic.split('/')) {
      current = current?.children.get(level);
    }
    return current;
  }

  /** Number of distinct topics seen. */
  topicCount(): number {
    const walk = (n: TreeNode): number => (n.count > 0 ? 1 : 0) + [...n.children.values()].reduce((s, c) => s + walk(c), 0);
    return walk(this.root);
  }
}

/** Children sorted by name, for display. */
export function sortedChildren(n: TreeNode): TreeNode[] {
  return [...n.children.values()].sort((a, b) => a.name.localeCompare(b.name));
}
