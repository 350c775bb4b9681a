interface Post {
  title: string;
  date: Date;
  tags?: string[];
  draft: boolean;
}

type Summary = Pick<Post, "title" | "date">;

export function summarize(posts: Post[], limit: number = 5): Summary[] {
  return posts
    .filter((p) => !p.draft)
    .sort((a, b) => b.date.getTime() - a.date.getTime())
    .slice(0, limit)
    .map(({ title, date }) => ({ title, date }));
}

export class Feed {
  private readonly items: Post[] = [];
  constructor(public name: string) {}
  add(post: Post): void {
    this.items.push(post);
  }
}
