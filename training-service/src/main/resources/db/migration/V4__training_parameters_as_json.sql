-- A project's default training parameters as one JSON object (training-contract's
-- TrainingParameters), as training_run.parameters already is: a parameter added later needs no
-- column, and stored objects without it take its default ('{}': all of them, for a project whose
-- row is created before its ProjectCreated arrives).
alter table project_training add column training_parameters text not null default '{}';
update project_training set training_parameters = json_build_object(
    'validationSplit', validation_split, 'epochs', epochs, 'learningRate', learning_rate,
    'decay', decay, 'dropout', dropout, 'batchSize', batch_size)::text;
alter table project_training drop column validation_split, drop column epochs, drop column learning_rate,
    drop column decay, drop column dropout, drop column batch_size;
-- The run's epoch count is its parameters' epochs; the copy is gone.
alter table training_run drop column epochs;
