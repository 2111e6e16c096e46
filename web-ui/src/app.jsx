// The application shell: sign-in, the header with the user's name and Sign out, and the screens
// by location hash (#/projects, …).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { signIn, signOut, user as currentUser } from './auth.js';
import { Projects } from './screens/Projects.jsx';
import { Models } from './screens/Models.jsx';
import { Setup } from './screens/Setup.jsx';
import { Training } from './screens/Training.jsx';
import { Tasks } from './screens/Tasks.jsx';
import { Annotate } from './screens/Annotate.jsx';
import './style.css';

function route() {
  const hash = location.hash.replace(/^#/, '').split('?')[0] || '/projects';
  return hash.split('/').filter(Boolean);
}

function App({ user }) {
  const [path, setPath] = useState(route());
  useEffect(() => {
    const onHash = () => setPath(route());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const [screen] = path;
  return (
    <>
      <header class="top">
        <a class="brand" href="#/projects">Annotation Lab</a>
        <nav aria-label="Main">
          <a href="#/projects" aria-current={screen === 'projects' ? 'page' : undefined}>Projects</a>
          <a href="#/models" aria-current={screen === 'models' ? 'page' : undefined}>Models</a>
        </nav>
        <div class="who">
          <span id="user-name" title={user.username}>{user.name}</span>
          <button id="sign-out" onClick={signOut}>Sign out</button>
        </div>
      </header>
      <main>
        {screen === 'projects' && path.length === 1 ? <Projects user={user} />
          : screen === 'models' ? <Models />
          : screen === 'projects' && path[2] === 'setup' ? <Setup user={user} projectId={path[1]} key={path[1]} />
          : screen === 'projects' && path[2] === 'training' ? <Training user={user} projectId={path[1]} key={path[1]} />
          : screen === 'projects' && path[2] === 'tasks' && path.length === 3 ? <Tasks user={user} projectId={path[1]} key={path[1]} />
          : screen === 'projects' && path[2] === 'tasks' && path.length <= 5
            ? <Annotate user={user} projectId={path[1]} taskId={path[3]} mode={path[4] === 'review' ? 'review' : 'annotate'} key={path.join('/')} />
          : <p class="empty">There is no such page. <a href="#/projects">Go to your projects</a>.</p>}
      </main>
    </>
  );
}

signIn()
  .then(() => {
    const root = document.getElementById('root');
    root.textContent = '';
    render(<App user={currentUser()} />, root);
  })
  .catch(() => {
    document.getElementById('root').innerHTML =
      '<p class="boot">The sign-in service cannot be reached. Reload the page in a moment.</p>';
  });
