export interface User {
  id: string;
  email: string;
}

const users = new Map<string, User>();

export const db = {
  async findUser(id: string): Promise<User> {
    const user = users.get(id);
    if (!user) {
      throw new Error(`user ${id} not found in table users`);
    }
    return user;
  },
  async dropSessions(id: string): Promise<void> {
    if (!users.has(id)) {
      throw new Error(`no sessions for ${id}`);
    }
  },
};
