import { describe, expect, it } from 'vitest';
import { sortedChildren, TopicTree } from '../src/lib/topicTree';

describe('TopicTree', () => {
  it('counts messages per topic and under each level, keeping the last value', () => {
    const tree = new TopicTree();
    tree.add('lab/r1/temp', '21', 1);
    tree.add('lab/r1/temp', '22', 2);
    tree.add('lab/r2/temp', '19', 3);
    tree.add('lab', 'root value', 4);

    expect(tree.find('lab/r1/temp')).toMatchObject({ count: 2, total: 2, last: '22', lastAt: 2 });
    expect(tree.find('lab')).toMatchObject({ count: 1, total: 4, last: 'root value' });
    expect(tree.find('lab/r1')).toMatchObject({ count: 0, total: 2 });
    expect(tree.topicCount()).toBe(3);
    expect(sortedChildren(tree.find('lab')!).map((n) => n.path)).toEqual(['lab/r1', 'lab/r2']);
    expect(tree.find('lab/r3')).toBeUndefined();
  });
  it('keeps empty levels as nodes', () => {
    const tree = new TopicTree();
    tree.add('a//b', 'x', 1);
    expect(tree.find('a//b')?.count).toBe(1);
    expect(tree.find('a/')?.name).toBe('');
  });
});
