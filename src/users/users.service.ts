import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthStateService } from '../auth/auth-state.service';
import { assertAcceptablePassword } from '../auth/password-policy';
import { hashPassword } from '../auth/passwords';
import { permissionsOf } from '../auth/permissions';
import type { AuthUser } from '../common/auth-user';
import { isoSeconds } from '../common/format/time';
import { ApiError, ERROR_LABELS } from '../common/http/api-error';
import { UnitOfWork } from '../database/unit-of-work';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { CreatedUserDto, UserDetailDto, UserListItemDto } from './dto/user-responses.dto';
import { User } from './entities/user.entity';

const notFound = (id: number) => new ApiError(404, 'Utilisateur introuvable', `Aucun utilisateur avec l'id ${id}`);
const conflict = (message: string) => new ApiError(409, ERROR_LABELS[409], message);
/** SQL condition: the row is not the only admin left. */
const KEEPS_AN_ADMIN = "(role != 'admin' OR (SELECT COUNT(*) FROM users WHERE role = 'admin') > 1)";
const LAST_ADMIN = 'Il doit rester au moins un administrateur : le dernier ne peut être ni supprimé ni rétrogradé';

/** Users as an admin manages them. Every change reaches the in-memory auth view at once. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly state: AuthStateService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(): Promise<UserListItemDto[]> {
    return (await this.users.find({ order: { id: 'ASC' } })).map(listItem);
  }

  async get(id: number): Promise<UserDetailDto> {
    return detail(await this.find(id));
  }

  /** The new user must change the password at first login. */
  async create(body: CreateUserDto): Promise<CreatedUserDto> {
    if (await this.users.exist({ where: { username: body.username } })) throw duplicate(body.username);
    const user = this.users.create({
      username: body.username,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      createdAt: new Date(),
      mustChangePassword: true,
      token: null,
      tokenExpires: null,
      lastLogin: null,
    });
    try {
      await this.unitOfWork.run(async (manager) => {
        if (await manager.exists(User, { where: { username: body.username } })) throw duplicate(body.username);
        await manager.insert(User, user);
      });
    } catch (error) {
      if (String((error as Error).message).includes('UNIQUE')) throw duplicate(body.username);
      throw error;
    }
    this.state.putUser(user);
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      permissions: permissionsOf(user.role),
      created_at: isoSeconds(user.createdAt),
    };
  }

  /**
   * A role change acts on the user's tokens from the next request on. A password reset revokes
   * every session of the user, who must change the password at next login.
   */
  async update(id: number, body: UpdateUserDto): Promise<UserDetailDto> {
    if (body.role === undefined && body.password === undefined) {
      throw new ApiError(400, ERROR_LABELS[400], "Indiquez au moins un champ à modifier : 'role' ou 'password'");
    }
    const user = await this.find(id);
    if (body.password !== undefined) assertAcceptablePassword(body.password, user.username);
    const demoting = body.role !== undefined && body.role !== 'admin';
    if (demoting && user.role === 'admin' && (await this.adminCount()) <= 1) throw conflict(LAST_ADMIN);
    const changes: Partial<User> = {};
    if (body.role !== undefined) changes.role = body.role;
    if (body.password !== undefined) {
      changes.passwordHash = await hashPassword(body.password);
      changes.mustChangePassword = true;
      changes.token = null;
      changes.tokenExpires = null;
    }
    // The last-admin rule is checked again inside the one UPDATE statement: two admins demoting
    // each other at the same moment must not both succeed.
    const revoked = await this.unitOfWork.run(async (manager) => {
      const query = manager.createQueryBuilder().update(User).set(changes).where('id = :id', { id });
      if (demoting) query.andWhere(KEEPS_AN_ADMIN);
      if ((await query.execute()).affected === 0) {
        if (!(await manager.exists(User, { where: { id } }))) throw notFound(id);
        throw conflict(LAST_ADMIN);
      }
      return body.password !== undefined ? this.state.revokeUserSessions(manager, id) : [];
    });
    const updated = { ...user, ...changes };
    this.state.putUser(updated);
    this.state.forgetSessions(revoked);
    return detail(updated);
  }

  async remove(id: number, actor: AuthUser): Promise<void> {
    if (id === actor.id) throw conflict('Un administrateur ne peut pas supprimer son propre compte');
    const user = await this.find(id);
    if (user.role === 'admin' && (await this.adminCount()) <= 1) throw conflict(LAST_ADMIN);
    // Sessions go with the user (ON DELETE CASCADE); thresholds.updated_by becomes NULL. The
    // last-admin rule is checked again in the statement itself (two admins deleting each other).
    await this.unitOfWork.run(async (manager) => {
      const result = await manager.createQueryBuilder().delete().from(User).where('id = :id', { id }).andWhere(KEEPS_AN_ADMIN).execute();
      if (result.affected !== 0) return;
      if (!(await manager.exists(User, { where: { id } }))) throw notFound(id);
      throw conflict(LAST_ADMIN);
    });
    this.state.removeUser(id);
  }

  private async find(id: number): Promise<User> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw notFound(id);
    return user;
  }

  private adminCount(): Promise<number> {
    return this.users.count({ where: { role: 'admin' } });
  }
}

function duplicate(username: string): ApiError {
  return conflict(`Le nom d'utilisateur '${username}' existe déjà`);
}

function listItem(user: User): UserListItemDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    created_at: isoSeconds(user.createdAt),
    last_login: user.lastLogin ? isoSeconds(user.lastLogin) : null,
    must_change_password: Boolean(user.mustChangePassword),
  };
}

function detail(user: User): UserDetailDto {
  return { ...listItem(user), permissions: permissionsOf(user.role) };
}
