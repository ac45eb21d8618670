import { describe, expect, it } from 'vitest';
import { last, sortedChildren, TopicTree, type TopicMessage } from '../src/lib/topicTree';

const m = (payload: string, at: number, retained = false): TopicMessage => ({ payload, encoding: 'utf-8', qos: 1, at, retained });

describe('TopicTree', () => {
  it('counts messages and topics per topic and under each level, keeping the history', () => {
    const tree = new TopicTree();
    tree.add('lab/r1/temp', m('21', 1));
    tree.add('lab/r1/temp', m('22', 2));
    tree.add('lab/r2/temp', m('19', 3));
    tree.add('lab', m('root value', 4));

    expect(tree.find('lab/r1/temp')).toMatchObject({ count: 2, total: 2, topics: 1 });
    expect(last(tree.find('lab/r1/temp')!)?.payload).toBe('22');
    expect(tree.find('lab/r1/temp')!.history.map((h) => h.payload)).toEqual(['21', '22']);
    expect(tree.find('lab')).toMatchObject({ count: 1, total: 4, topics: 3 });
    expect(tree.find('lab/r1')).toMatchObject({ count: 0, total: 2, topics: 1 });
    expect(tree.topicCount()).toBe(3);
    expect(sortedChildren(tree.find('lab')!).map((n) => n.path)).toEqual(['lab/r1', 'lab/r2']);
    expect(tree.find('lab/r3')).toBeUndefined();
  });
  it('keeps empty levels as nodes', () => {
    const tree = new TopicTree();
    tree.add('a//b', m('x', 1));
    expect(tree.find('a//b')?.count).toBe(1);
    expect(tree.find('a/')?.name).toBe('');
  });
  it('keeps at most the history limit per topic, the newest', () => {
    const tree = new TopicTree(3);
    for (let i = 0; i < 5; i++) tree.add('t', m(String(i), i));
    expect(tree.find('t')!.history.map((h) => h.payload)).toEqual(['2', '3', '4']);
    expect(tree.find('t')!.count).toBe(5);
  });
  it('knows which topics hold a retained value: set by a retained message, cleared by an empty one or by the user', () => {
    const tree = new TopicTree();
    tree.add('a', m('1', 1, true));
    tree.add('b', m('1', 1, true));
    expect(tree.find('a')!.retained).toBe(true);
    tree.add('a', m('', 2, true));
    expect(tree.find('a')!.retained).toBe(false);
    tree.clearRetained('b');
    expect(tree.find('b')!.retained).toBe(false);
  });
  it('takes a retained value found by a retained read for a topic that live messages reached first', () => {
    const tree = new TopicTree();
    tree.add('lab/setpoint', m('41', 1));
    tree.markRetained('lab/setpoint');
    tree.markRetained('never/seen');
    expect(tree.find('lab/setpoint')!.retained).toBe(true);
    expect(tree.find('lab/setpoint')!.history.map((h) => h.payload)).toEqual(['41']);
    expect(tree.find('never/seen')).toBeUndefined();
  });
  it('searches 10,000 topics by any part of the name, sorted, bounded', () => {
    const tree = new TopicTree();
    for (let i = 0; i < 10_000; i++) tree.add(`site/${i % 10}/sensor${i}`, m(String(i), i));
    const found = tree.search('SENSOR99', 5);
    expect(found.matched).toBe(111); // sensor99, sensor990..999, sensor9900..9999
    expect(found.topics.map((t) => t.path)).toEqual(
      ['site/0/sensor990', 'site/0/sensor9900', 'site/0/sensor9910', 'site/0/sensor9920', 'site/0/sensor9930']);
    expect(tree.topicCount()).toBe(10_000);
    expect(tree.find('site/3')!.topics).toBe(1000);
  });
});
