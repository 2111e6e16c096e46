-- The default training parameters as one JSON object (training-contract's TrainingParameters):
-- a parameter added later needs no column; stored objects without it take its default.
alter table project add column training_parameters text;
update project set training_parameters = json_build_object(
    'validationSplit', validation_split, 'epochs', epochs, 'learningRate', learning_rate,
    'decay', decay, 'dropout', dropout, 'batchSize', batch_size)::text;
alter table project alter column training_parameters set not null;
alter table project drop column validation_split, drop column epochs, drop column learning_rate,
    drop column decay, drop column dropout, drop column batch_size;
