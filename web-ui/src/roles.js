// What a project role may do (docs/roles.md), so the UI shows only what the user's role allows and
// greys out with a reason what it cannot do. The services stay the authority.
const MAY = {
  EDIT_PROJECT: ['OWNER', 'MANAGER'],
  MANAGE_MEMBERS: ['OWNER'],
  DELETE_PROJECT: ['OWNER'],
  READ_TRAINING: ['OWNER', 'MANAGER', 'REVIEWER'],
  TRAIN: ['OWNER', 'MANAGER'],
  DEPLOY: ['OWNER', 'MANAGER'],
  MANAGE_TASKS: ['OWNER', 'MANAGER'],
  REVIEW: ['OWNER', 'MANAGER', 'REVIEWER'],
};

/** The role a user acts with in a project: the realm role admin acts as Owner where not a member. */
export const actingRole = (project, user) => project.myRole ?? (user.admin ? 'OWNER' : null);

export const may = (project, user, permission) => MAY[permission].includes(actingRole(project, user));

export const ROLE_NAMES = { OWNER: 'Owner', MANAGER: 'Manager', REVIEWER: 'Reviewer', ANNOTATOR: 'Annotator' };

/** Why an action is greyed out, as a sentence. */
export function whyNot(permission) {
  const who = MAY[permission].map(r => ROLE_NAMES[r]).join(' or ');
  return `Only a project ${who} can do this.`;
}
